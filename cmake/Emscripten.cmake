# Emscripten 3.1.6 (Debian) options in one place; see ../shared/TECH-NOTES.md for the why of each.
# - Header-only system libraries (nlohmann_json, Catch2) are exposed through a private include folder
#   of symlinks, never the whole /usr/include (that would pull in glibc's headers).
# - Exceptions are enabled at compile and link time (Catch2 and nlohmann_json need them; a throw must not
#   abort the page).
set(YIYANG_WASM_SYSINC ${CMAKE_BINARY_DIR}/sysinc)
file(MAKE_DIRECTORY ${YIYANG_WASM_SYSINC})
foreach(lib nlohmann catch2)
  if(NOT EXISTS ${YIYANG_WASM_SYSINC}/${lib})
    file(CREATE_LINK /usr/include/${lib} ${YIYANG_WASM_SYSINC}/${lib} SYMBOLIC)
  endif()
endforeach()

add_library(yiyang_wasm_options INTERFACE)
target_include_directories(yiyang_wasm_options SYSTEM INTERFACE ${YIYANG_WASM_SYSINC})
target_compile_options(yiyang_wasm_options INTERFACE -fexceptions)
target_link_options(yiyang_wasm_options INTERFACE -fexceptions)

find_program(YIYANG_NODE node REQUIRED)

# A test binary that runs under node (ctest and ./yiyang test call it with --no-experimental-fetch).
function(yiyang_wasm_test target)
  target_link_options(${target} PRIVATE -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
                      -sNODERAWFS=1)
endfunction()
