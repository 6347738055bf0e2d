# PERFGATE_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer for everything built here.
if(PERFGATE_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
