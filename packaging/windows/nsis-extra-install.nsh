; SPDX-License-Identifier: GPL-3.0-or-later
; Appended to the NSIS install section by CPack (cmake/Packaging.cmake): opens .http files in VerbScope.
WriteRegStr SHCTX "Software\Classes\.http" "" "VerbScope.HttpFile"
WriteRegStr SHCTX "Software\Classes\.http\OpenWithProgids" "VerbScope.HttpFile" ""
WriteRegStr SHCTX "Software\Classes\VerbScope.HttpFile" "" "HTTP request file"
WriteRegStr SHCTX "Software\Classes\VerbScope.HttpFile\DefaultIcon" "" "$INSTDIR\bin\verbscope.exe,0"
WriteRegStr SHCTX "Software\Classes\VerbScope.HttpFile\shell\open\command" "" '"$INSTDIR\bin\verbscope.exe" "%1"'
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
