# SPDX-License-Identifier: GPL-3.0-or-later
# CPack pre-build script (cmake/Packaging.cmake): signs VerbScope.app in the staging tree before
# the DMG is made, with the hardened runtime that notarisation needs. Does nothing unless the
# macOS workflow sets VERBSCOPE_CODESIGN_IDENTITY (only when the signing secrets exist).
if(NOT DEFINED ENV{VERBSCOPE_CODESIGN_IDENTITY} OR "$ENV{VERBSCOPE_CODESIGN_IDENTITY}" STREQUAL "")
    message(STATUS "VERBSCOPE_CODESIGN_IDENTITY is not set: VerbScope.app is not signed")
    return()
endif()
file(GLOB_RECURSE apps LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*VerbScope.app")
foreach(app IN LISTS apps)
    if(IS_DIRECTORY "${app}")
        execute_process(
            COMMAND codesign --force --deep --timestamp --options runtime
                    --entitlements "${CMAKE_CURRENT_LIST_DIR}/entitlements.plist"
                    --sign "$ENV{VERBSCOPE_CODESIGN_IDENTITY}" "${app}"
            COMMAND_ERROR_IS_FATAL ANY)
        message(STATUS "signed ${app}")
    endif()
endforeach()
