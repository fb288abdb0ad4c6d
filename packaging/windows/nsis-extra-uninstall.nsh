; SPDX-License-Identifier: GPL-3.0-or-later
; Appended to the NSIS uninstall section by CPack: removes what nsis-extra-install.nsh registered.
DeleteRegKey SHCTX "Software\Classes\VerbScope.HttpFile"
DeleteRegValue SHCTX "Software\Classes\.http\OpenWithProgids" "VerbScope.HttpFile"
ReadRegStr $0 SHCTX "Software\Classes\.http" ""
StrCmp $0 "VerbScope.HttpFile" 0 +2
DeleteRegValue SHCTX "Software\Classes\.http" ""
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
