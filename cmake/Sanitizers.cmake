# YIYANG_SANITIZE=ON builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (./yiyang's
# build/asan, run by scripts/run-tests.sh). UB is fatal (no recovery) so a finding fails the suite instead of
# scrolling by; frame pointers keep the reports' stacks readable at -O1.
option(YIYANG_SANITIZE "Build with -fsanitize=address,undefined (native only)" OFF)
if(YIYANG_SANITIZE)
  if(EMSCRIPTEN)
    message(FATAL_ERROR "YIYANG_SANITIZE is for the native build")
  endif()
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
endif()
