[# NSIS script template for the nianbao installer, rendered by pynsist (Jinja with [[ ]] / [% %]).
   packaging/build.py copies it next to installer.cfg, runs pynsist --no-makensis, trims the payload,
   writes nianbao-defines.nsh and runs makensis -INPUTCHARSET UTF8 itself.
   Differences from pynsist's pyapp.nsi: 64-bit (amd64) installer stub, per-user install only
   (RequestExecutionLevel user, %LOCALAPPDATA%\Programs\nianbao, HKCU), Chinese UI, desktop shortcut,
   .nianbao file association, version information, uninstaller that keeps the user's drafts. #]
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user

!include "nianbao-defines.nsh"
; ^ DISPLAY_NAME, VERSION4, PUBLISHER, COPYRIGHT, PROG_ID, FILE_EXT, FILETYPE_NAME, APP_SCRIPT, ESTIMATED_KB, PY_DLL

!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_VERSION "[[ib.version]]"
!define PRODUCT_ICON "[[icon]]"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_NAME}"
!define APP_KEY "Software\${PRODUCT_NAME}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "${PRODUCT_ICON}"
!define MUI_UNICON "${PRODUCT_ICON}"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchApp

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Name "${DISPLAY_NAME} ${PRODUCT_VERSION}"
OutFile "[[ib.installer_name]]"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${DISPLAY_NAME} ${PRODUCT_VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${DISPLAY_NAME} 安装程序 (nianbao setup)"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "OriginalFilename" "[[ib.installer_name]]"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "nianbao"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${PRODUCT_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "nianbao setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "OriginalFilename" "[[ib.installer_name]]"

Var cmdLineInstallDir

Section "!${DISPLAY_NAME}" sec_app
  SectionIn RO
  SetShellVarContext current
  SetOverwrite on

  ; Upgrade in place: remove the previous program files first (never the user's data folder).
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\bin"

  SetOutPath "$INSTDIR"
  File "${PRODUCT_ICON}"

  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"

  ; Files and folders prepared by pynsist (Python, launcher script, command launchers)
  [% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
    [% for file in group %]
  File "[[ file ]]"
    [% endfor %]
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[dir]]\*.*"
  [% endfor %]

  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  [% if has_commands %]
  DetailPrint "把 $INSTDIR\bin 加入当前用户的 PATH (command line: nianbao)"
  ; remove first, so that reinstalling does not add a second entry
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
  Pop $0
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
  Pop $0
  [% endif %]

  DetailPrint "Byte-compiling Python modules..."
  nsExec::ExecToLog '[[ python ]] -Es -m compileall -q "$INSTDIR\pkgs"'
  Pop $0

  ; Shortcuts: Start menu + desktop; working folder = Documents.
  SetOutPath "$DOCUMENTS"
  [% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$SMPROGRAMS\${DISPLAY_NAME}.lnk" "[[ sc['target'] ]]" '[[ sc['parameters'] ]]' \
      "$INSTDIR\${PRODUCT_ICON}" 0 SW_SHOWNORMAL "" "${DISPLAY_NAME}"
  CreateShortCut "$DESKTOP\${DISPLAY_NAME}.lnk" "[[ sc['target'] ]]" '[[ sc['parameters'] ]]' \
      "$INSTDIR\${PRODUCT_ICON}" 0 SW_SHOWNORMAL "" "${DISPLAY_NAME}"
  [% endfor %]
  SetOutPath "$INSTDIR"

  ; .nianbao exchange files open in the program (per user, HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "${FILETYPE_NAME}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${PRODUCT_ICON},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" \
      '"$INSTDIR\Python\pythonw.exe" "$INSTDIR\${APP_SCRIPT}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Add/remove programs entry (per user)
  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${ESTIMATED_KB}
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current

  [% if has_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
  Pop $0
  [% endif %]

  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\bin"
  [% for file, destination in ib.install_files %]
  Delete "[[pjoin(destination, file)]]"
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  RMDir /r "[[pjoin(destination, dir)]]"
  [% endfor %]
  Delete "$INSTDIR\${PRODUCT_ICON}"
  Delete "$INSTDIR\uninstall.exe"

  Delete "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
  Delete "$DESKTOP\${DISPLAY_NAME}.lnk"

  ; Remove the file association only if it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\${FILE_EXT}" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\${FILE_EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"

  ; Only removed when empty. The drafts live elsewhere (%LOCALAPPDATA%\nianbao) and are kept.
  RMDir "$INSTDIR"
  DetailPrint "草稿和备份保存在 $LOCALAPPDATA\${PRODUCT_NAME}，已保留，未删除。"
SectionEnd

;  Refuse to replace or remove the program while it runs: Windows keeps the loaded Python DLL open,
;  so opening it for writing fails. (Deleting files under a running program would leave it broken.)
!macro CHECK_NOT_RUNNING UN
Function ${UN}CheckNotRunning
  retry:
  IfFileExists "$INSTDIR\Python\${PY_DLL}" 0 done
  ClearErrors
  FileOpen $0 "$INSTDIR\Python\${PY_DLL}" a
  IfErrors running
  FileClose $0
  Goto done
  running:
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${DISPLAY_NAME} 正在运行。请先关闭程序（草稿会自动保存），再点“重试”。$\r$\n$\r$\nThe program is running: close it, then click Retry." \
      /SD IDCANCEL IDRETRY retry
  SetErrorLevel 2
  Quit
  done:
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Function un.onInit
  Call un.CheckNotRunning
FunctionEnd

Function LaunchApp
  SetOutPath "$DOCUMENTS"
  Exec '"$INSTDIR\Python\pythonw.exe" "$INSTDIR\${APP_SCRIPT}"'
  SetOutPath "$INSTDIR"
FunctionEnd

Function .onInit
  ; Also accept /INSTDIR=path (like pynsist installers); NSIS' own /D=path works as well.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} '$0' "/INSTDIR=" $1
  IfErrors +2
    StrCpy $cmdLineInstallDir $1
  ClearErrors
  StrCmp $cmdLineInstallDir "" +2
    StrCpy $INSTDIR $cmdLineInstallDir
  Call CheckNotRunning
FunctionEnd
