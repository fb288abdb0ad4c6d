# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: DEB, RPM and TGZ on Linux, NSIS and ZIP on Windows, DragNDrop on macOS. Packages are
# made from the "release" preset:  cmake --preset release && cmake --build build/release &&
# cpack --config build/release/CPackConfig.cmake  (see docs/install.md).
set(CPACK_PACKAGE_NAME verbscope)
set(CPACK_PACKAGE_VENDOR "The VerbScope developers")
set(CPACK_PACKAGE_CONTACT "VerbScope developers <verbscope@verbscope.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
"VerbScope sends any HTTP method (standard, WebDAV, QUERY, custom, even lower-case) with any
headers and body, shows exactly what went over the wire, and explains the answer: 501 Not
Implemented versus 405 Method Not Allowed, and the look-alikes (400, 403, 404, 411, a proxy's
error page, a 200 that ignored the method). It has a Qt desktop app (verbscope) and a CLI
(verbscope-cli) with diagnosis, method probing, history and .http collections.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY VerbScope)
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/" "/\\\\.git/" "/node_modules/")

if(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
else()
    set(CPACK_GENERATOR DEB RPM TGZ)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
endif()
set(CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")

# Debian: Depends computed by dpkg-shlibdeps, plus the Qt SQLite plugin that nothing links.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# RPM: Requires come from rpmbuild's automatic ELF dependency scan; shared directories stay unowned.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
# No /usr/lib/.build-id links: the RPM holds exactly the files of the DEB.
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
    /usr/share/man /usr/share/man/man1 /usr/share/bash-completion /usr/share/bash-completion/completions
    /usr/share/zsh /usr/share/zsh/vendor-completions /usr/share/doc)
foreach(size scalable 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
         /usr/share/icons/hicolor/${size} /usr/share/icons/hicolor/${size}/apps)
endforeach()

# Windows: Start-menu entry, uninstaller, .http association, optional PATH entry for the CLI.
set(CPACK_PACKAGE_EXECUTABLES verbscope VerbScope)
set(CPACK_NSIS_PACKAGE_NAME VerbScope)
set(CPACK_NSIS_DISPLAY_NAME "VerbScope ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/verbscope.ico")
set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/resources/icons/verbscope.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\verbscope.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
file(READ "${PROJECT_SOURCE_DIR}/packaging/windows/nsis-extra-install.nsh" CPACK_NSIS_EXTRA_INSTALL_COMMANDS)
file(READ "${PROJECT_SOURCE_DIR}/packaging/windows/nsis-extra-uninstall.nsh" CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS)

# macOS: a drag-and-drop DMG holding VerbScope.app (the CLI is inside, in Contents/MacOS).
set(CPACK_DMG_VOLUME_NAME "VerbScope ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT UDBZ)
if(APPLE)
    set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/packaging/macos/codesign.cmake")
endif()

include(CPack)
