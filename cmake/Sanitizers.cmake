# PERFGATE_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer for everything built here.
if(PERFGATE_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()

# PERFGATE_FUZZ: libFuzzer's coverage instrumentation with both sanitizers for everything built
# here, so that a fuzz target stops at the first memory error or undefined behaviour.
if(PERFGATE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "PERFGATE_FUZZ needs clang's libFuzzer: configure with CXX=clang++")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
