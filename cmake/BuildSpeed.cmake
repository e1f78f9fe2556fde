# Build time (a clean build is most of CI's minutes on its 2 cores; figures: docs/BENCHMARKS.md "Build time").
#
# Precompiled headers: the heavy third-party headers (nlohmann/json, Catch2, cpp-httplib, SQLiteCpp, ImGui) and the
# standard headers almost every file includes are parsed once per target instead of once per file (one header per
# target: each target's flags differ, e.g. -O3 libraries and -O1 tests). Only system headers: a change to one of our
# own headers rebuilds what includes it, as before.
# -DYIYANG_PCH=OFF builds without them (e.g. to check that every file includes what it uses).
option(YIYANG_PCH "Precompile the heavy third-party headers per target" ON)

set(YIYANG_PCH_COMMON <algorithm> <cstdint> <map> <optional> <set> <stdexcept> <string> <string_view> <vector>
    <nlohmann/json.hpp>)

# yiyang_pch(TARGET HEADER... [SKIP FILE...]): FILEs (e.g. one that #undefs a macro before its first include, or
# one whose own names lose to a header's by argument-dependent lookup) are compiled without the header.
function(yiyang_pch target)
  if(NOT YIYANG_PCH)
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 1 PCH "" "" "SKIP")
  target_precompile_headers(${target} PRIVATE ${YIYANG_PCH_COMMON} ${PCH_UNPARSED_ARGUMENTS})
  if(PCH_SKIP)
    set_source_files_properties(${PCH_SKIP} TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  endif()
endfunction()

# ccache takes a precompiled header only with this sloppiness (its manual, "Precompiled headers"); set in the
# launcher itself so every build through ccache has it, not only ./yiyang's (ccache 4.7 takes no settings on its
# command line).
if(YIYANG_PCH AND CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache$")
  set(CMAKE_CXX_COMPILER_LAUNCHER env CCACHE_SLOPPINESS=pch_defines,time_macros ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()


# Unity builds: each target's sources are compiled in batches of YIYANG_UNITY_BATCH files, one translation unit per
# batch (CMake's UNITY_BUILD). Every file repeats the same instantiations of nlohmann/json, Catch2 and the standard
# containers at -O3; a batch generates them once (8 wire/*.cpp files: 29.1 s of CPU one by one, 11.2 s as one unit —
# docs/BENCHMARKS.md "Build time"). -DYIYANG_UNITY=OFF compiles file by file.
# A file that cannot share a unit with the others of its target is listed in YIYANG_UNITY_SKIP and compiled alone:
# one whose internal names (anonymous namespace, static) are also defined by another file of the target, where
# sharing a unit would be a redefinition or, worse, an overload chosen from the other file; and the files that
# must be the first thing their unit sees. scripts/unity-check.sh finds them (every target as ONE unit, syntax only).
option(YIYANG_UNITY "Compile each target's sources in batches (unity build)" ON)
set(YIYANG_UNITY_BATCH 8 CACHE STRING "Source files per unity batch (0: the whole target in one unit)")
include(${CMAKE_CURRENT_LIST_DIR}/unity-skip.cmake)   # YIYANG_UNITY_SKIP: paths relative to the source root
function(yiyang_unity target)
  if(NOT YIYANG_UNITY)
    return()
  endif()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${YIYANG_UNITY_BATCH})
  get_target_property(sources ${target} SOURCES)
  set(skip)
  foreach(s IN LISTS sources)
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${s})
    if(rel IN_LIST YIYANG_UNITY_SKIP)
      list(APPEND skip ${s})
    endif()
  endforeach()
  if(skip)
    set_source_files_properties(${skip} TARGET_DIRECTORY ${target} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  endif()
endfunction()
