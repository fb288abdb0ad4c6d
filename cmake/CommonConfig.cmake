# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries standard, warnings and strict Qt defines; every target links it.
add_library(verbscope_build_config INTERFACE)
target_compile_features(verbscope_build_config INTERFACE cxx_std_20)
target_compile_definitions(verbscope_build_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(verbscope_build_config INTERFACE
        -Wall -Wextra -pedantic -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor)
    if(VERBSCOPE_WARNINGS_AS_ERRORS)
        target_compile_options(verbscope_build_config INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(verbscope_build_config INTERFACE /W4 /permissive- /utf-8)
    if(VERBSCOPE_WARNINGS_AS_ERRORS)
        target_compile_options(verbscope_build_config INTERFACE /WX)
    endif()
endif()
target_include_directories(verbscope_build_config INTERFACE
    ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/generated)
