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

