; OP_CMS Desktop: Windows installer (NSIS 3, Modern UI 2, 简体中文 + English).
;
; Packs the PyInstaller onedir output (dist\OPCMS\, built by installer\opcms.spec on Windows) into
; OPCMS-Setup-<VERSION>.exe, which installs per machine into C:\Program Files\OPCMS.
;
;   makensis /DVERSION=0.1.0 installer\opcms.nsi
;   makensis /DVERSION=0.1.0 /DDIST_DIR=C:\build\dist\OPCMS /DOUT_DIR=C:\build\out installer\opcms.nsi
;   makensis -DVERSION=0.1.0 -DDIST_DIR=/abs/dist/OPCMS -DOUT_DIR=/abs/out installer/opcms.nsi   (Linux: -D, not /D)
;
; Optional defines: DIST_DIR (default ..\dist\OPCMS), OUT_DIR (default ..\dist); makensis works in this
; file's folder, so relative paths are relative to installer\ (pass absolute ones);
; PUBLISHER (default OP_CMS), VI_VERSION (four numbers for the file properties; default derived
; from VERSION, needed when VERSION is not plain X.Y.Z such as 0.2.0rc1).
;
; The uninstaller never touches the users' data: the database and logs under %LOCALAPPDATA%\OPCMS,
; the settings under HKCU\Software\OPCMS and remembered passwords in Windows Credential Manager stay.
; This file is UTF-8 with a byte-order mark (makensis needs the BOM to read the Chinese strings).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=0.1.0 installer\opcms.nsi"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "..\dist\OPCMS"
!endif
!ifndef OUT_DIR
  !define OUT_DIR "..\dist"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "OP_CMS"
!endif

!define APP_NAME "OP_CMS"
!define PRODUCT_NAME "OP_CMS Desktop"
!define GUI_EXE "opcms-desktop.exe"
!define CLI_EXE "opcms.exe"
!define INTERNAL_DIR "_internal"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OPCMS"
!define REG_KEY "Software\OPCMS"
!define STARTMENU_DIR "$SMPROGRAMS\${APP_NAME}"
!define SHORTCUT "${APP_NAME}.lnk"

!if ! /FileExists "${DIST_DIR}\${GUI_EXE}"
  !error "No ${GUI_EXE} in DIST_DIR=${DIST_DIR}: run pyinstaller installer/opcms.spec first, or pass /DDIST_DIR=..."
!endif
!if ! /FileExists "${DIST_DIR}\${CLI_EXE}"
  !error "No ${CLI_EXE} in DIST_DIR=${DIST_DIR}: is it a complete PyInstaller build of installer/opcms.spec?"
!endif

; File properties of the setup program want four numbers: 0.1.0 -> 0.1.0.0.
!ifndef VI_VERSION
  !searchparse /noerrors "${VERSION}.0.0" "" VI_MAJOR "." VI_MINOR "." VI_PATCH "."
  !define VI_VERSION "${VI_MAJOR}.${VI_MINOR}.${VI_PATCH}.0"
!endif

Name "${PRODUCT_NAME} ${VERSION}"
OutFile "${OUT_DIR}\OPCMS-Setup-${VERSION}.exe"
InstallDir "$PROGRAMFILES64\OPCMS"
RequestExecutionLevel admin
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT_NAME} ${VERSION}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

; --- Modern UI ----------------------------------------------------------------------------------------
!define MUI_ICON "opcms.ico"
!define MUI_UNICON "opcms.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

; Remember the language chosen at install time (the uninstaller speaks it too).
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${REG_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchAsUser
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(DATA_KEPT_SHORT)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default (silent installs, an unknown Windows language).
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; --- Strings -----------------------------------------------------------------------------------------
LangString SEC_APP ${LANG_SIMPCHINESE} "OP_CMS 程序（必需）"
LangString SEC_APP ${LANG_ENGLISH} "OP_CMS program (required)"
LangString SEC_DESKTOP ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString LINK_UNINSTALL ${LANG_SIMPCHINESE} "卸载 OP_CMS"
LangString LINK_UNINSTALL ${LANG_ENGLISH} "Uninstall OP_CMS"
LangString NEED_X64 ${LANG_SIMPCHINESE} "OP_CMS 需要 64 位 Windows 10 或更高版本。"
LangString NEED_X64 ${LANG_ENGLISH} "OP_CMS needs 64-bit Windows 10 or later."
LangString DATA_KEPT_SHORT ${LANG_SIMPCHINESE} "将从本机删除 OP_CMS 程序。您的数据（%LOCALAPPDATA%\OPCMS 中的数据库 opcms.db 和日志）、设置和已记住的密码不会被删除。"
LangString DATA_KEPT_SHORT ${LANG_ENGLISH} "OP_CMS will be removed from this computer. Your data (the database opcms.db and logs in %LOCALAPPDATA%\OPCMS), settings and remembered passwords are not deleted."
LangString DATA_KEPT ${LANG_SIMPCHINESE} "OP_CMS 已卸载。$\r$\n$\r$\n您的数据没有被删除：每个 Windows 用户的数据库 opcms.db 和日志仍在 %LOCALAPPDATA%\OPCMS 文件夹中，重新安装后可继续使用。$\r$\n如需彻底清除，请先备份，再手动删除该文件夹。"
LangString DATA_KEPT ${LANG_ENGLISH} "OP_CMS has been uninstalled.$\r$\n$\r$\nYour data has NOT been deleted: each Windows user's database opcms.db and logs remain in the folder %LOCALAPPDATA%\OPCMS, ready for a reinstall.$\r$\nTo remove them for good, back them up first, then delete that folder by hand."

VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${PRODUCT_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${PRODUCT_NAME} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${PUBLISHER}"

; --- Install -----------------------------------------------------------------------------------------
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NEED_X64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; An upgrade goes where the previous version went (read in the 64-bit view, where it was written),
  ; unless a folder was given on the command line (/D=...).
  ${If} $INSTDIR == "$PROGRAMFILES64\OPCMS"
    ReadRegStr $0 HKLM "${REG_KEY}" "InstallDir"
    ${If} $0 != ""
      StrCpy $INSTDIR $0
    ${EndIf}
  ${EndIf}
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the library folder whole, so no module of the previous version survives.
  RMDir /r "$INSTDIR\${INTERNAL_DIR}"
  File /r "${DIST_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateDirectory "${STARTMENU_DIR}"
  CreateShortcut "${STARTMENU_DIR}\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
  CreateShortcut "${STARTMENU_DIR}\$(LINK_UNINSTALL).lnk" "$INSTDIR\${UNINSTALLER}"

  WriteRegStr HKLM "${REG_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${REG_KEY}" "Version" "${VERSION}"

  ; Add/Remove Programs (Apps & features)
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
SectionEnd

; The finish page's "run" box: start the app as the signed-in user, not elevated like this installer
; (an elevated first start would create its database under the administrator's profile).
Function LaunchAsUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${GUI_EXE}"'
FunctionEnd

; --- Uninstall ---------------------------------------------------------------------------------------
Function un.onInit
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  ; Only what the installer put there: never RMDir /r "$INSTDIR" (the folder may have been chosen
  ; by hand), and never the users' data in %LOCALAPPDATA%\OPCMS.
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\${INTERNAL_DIR}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  Delete "$DESKTOP\${SHORTCUT}"
  RMDir /r "${STARTMENU_DIR}"

  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${REG_KEY}"

  DetailPrint "$(DATA_KEPT_SHORT)"
  MessageBox MB_OK|MB_ICONINFORMATION "$(DATA_KEPT)" /SD IDOK
SectionEnd
