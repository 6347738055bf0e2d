# perfgate_set_warnings(TARGET): the project's warning flags, errors when PERFGATE_WERROR is on.
function(perfgate_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
    if(PERFGATE_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
