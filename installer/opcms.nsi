; OP_CMS Desktop: Windows installer (NSIS 3, Modern UI 2, 简体中文 + English).
;
; Packs the PyInstaller onedir output (dist\OPCMS\, built by installer\opcms.spec on Windows) into
; OPCMS-Setup-<VERSION>.exe, which installs per user (no administrator rights) into
; %LOCALAPPDATA%\Programs\OPCMS.
;
;   makensis /DVERSION=0.1.0 installer\opcms.nsi
;   makensis /DVERSION=0.1.0 /DDIST_DIR=C:\build\dist\OPCMS /DOUT_DIR=C:\build\out installer\opcms.nsi
;   makensis -DVERSION=0.1.0 -DDIST_DIR=/abs/dist/OPCMS -DOUT_DIR=/abs/out installer/opcms.nsi   (Linux: -D, not /D)
;
; Optional defines: NO_COMPRESSION, EXE_SUFFIX (see below), DIST_DIR (default ..\dist\OPCMS), OUT_DIR (default ..\dist); makensis works in this
; file's folder, so relative paths are relative to installer\ (pass absolute ones);
; PUBLISHER (default OP_CMS), VI_VERSION (four numbers for the file properties; default derived
; from VERSION, needed when VERSION is not plain X.Y.Z such as 0.2.0rc1).
;
; Upgrade in place: the running app holds the mutex RUNNING_MUTEX (opcms_desktop/ui/instance.py); while
; it exists the installer and the uninstaller refuse to go on (Retry / Cancel). The previous version's
; files (the executables and the whole _internal\ folder) are deleted before the new ones are copied.
; The uninstaller keeps the user's data (database, backups and logs under %LOCALAPPDATA%\OPCMS, the
; settings under HKCU\Software\OPCMS) unless its unchecked component "delete my data" is chosen (silent:
; uninstall.exe /S /DELETEDATA). Remembered passwords stay in Windows Credential Manager either way.
; Optional, unchecked component: register `opcms.exe jobs run-due` with the Task Scheduler (hourly,
; as the installing user); the uninstaller removes that task.
; This file is UTF-8 with a byte-order mark (makensis needs the BOM to read the Chinese strings).

Unicode true
ManifestDPIAware true
; -DNO_COMPRESSION: store the files (a quick check of the script, e.g. against the Linux bundle).
!ifdef NO_COMPRESSION
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

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
; The Linux bundle (installer/build_linux.sh) has no .exe suffix: -DEXE_SUFFIX= compiles the script
; against it, which checks this script here; the setup program made that way is of no use on Windows.
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif
!define GUI_EXE "opcms-desktop${EXE_SUFFIX}"
!define CLI_EXE "opcms${EXE_SUFFIX}"
!define INTERNAL_DIR "_internal"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OPCMS"
!define REG_KEY "Software\OPCMS"
!define STARTMENU_DIR "$SMPROGRAMS\${APP_NAME}"
!define SHORTCUT "${APP_NAME}.lnk"
!define DATA_DIR "$LOCALAPPDATA\OPCMS"
!define RUNNING_MUTEX "OPCMS_Desktop_Running"
!define TASK_NAME "OPCMS run-due jobs"

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

; Code signing (optional): -DSIGN=1 signs the setup program and the uninstaller it writes with
; installer\sign.ps1 (certificate from the OPCMS_SIGN_* environment variables; see installer/README.md).
!ifdef SIGN
  !define SIGN_COMMAND 'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "${__FILEDIR__}\sign.ps1" "%1"'
  !finalize '${SIGN_COMMAND}' = 0
  !uninstfinalize '${SIGN_COMMAND}' = 0
!endif

Name "${PRODUCT_NAME} ${VERSION}"
OutFile "${OUT_DIR}\OPCMS-Setup-${VERSION}.exe"
InstallDir "$LOCALAPPDATA\Programs\OPCMS"
RequestExecutionLevel user
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT_NAME} ${VERSION}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

; --- Modern UI ----------------------------------------------------------------------------------------
!define MUI_ICON "opcms.ico"
!define MUI_UNICON "opcms.ico"
!define MUI_ABORTWARNING

; Remember the language chosen at install time (the uninstaller speaks it too).
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${REG_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE CheckNotRunningOnLeave
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(DATA_KEPT_SHORT)"
!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE un.CheckNotRunningOnLeave
!insertmacro MUI_UNPAGE_COMPONENTS
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
LangString SEC_TASK ${LANG_SIMPCHINESE} "计划任务：每小时运行到期的定时任务（opcms jobs run-due）"
LangString SEC_TASK ${LANG_ENGLISH} "Task Scheduler: run due scheduled jobs hourly (opcms jobs run-due)"
LangString SEC_UNAPP ${LANG_SIMPCHINESE} "OP_CMS 程序"
LangString SEC_UNAPP ${LANG_ENGLISH} "OP_CMS program"
LangString SEC_UNDATA ${LANG_SIMPCHINESE} "同时删除我的数据（数据库、备份、日志和设置）"
LangString SEC_UNDATA ${LANG_ENGLISH} "Also delete my data (database, backups, logs and settings)"
LangString DESC_APP ${LANG_SIMPCHINESE} "桌面客户端 opcms-desktop.exe 和命令行 opcms.exe。"
LangString DESC_APP ${LANG_ENGLISH} "The desktop client opcms-desktop.exe and the command line opcms.exe."
LangString DESC_DESKTOP ${LANG_SIMPCHINESE} "在桌面上放一个 OP_CMS 快捷方式。"
LangString DESC_DESKTOP ${LANG_ENGLISH} "Put an OP_CMS shortcut on the desktop."
LangString DESC_TASK ${LANG_SIMPCHINESE} "以当前用户身份每小时运行一次 opcms.exe jobs run-due（用户登录时）。也可以以后在设置中登记。"
LangString DESC_TASK ${LANG_ENGLISH} "Runs opcms.exe jobs run-due hourly as the current user (while signed in). It can also be registered later from the settings."
LangString DESC_UNDATA ${LANG_SIMPCHINESE} "删除 %LOCALAPPDATA%\OPCMS（数据库、备份和日志）和本用户的设置。无法恢复，请先备份。"
LangString DESC_UNDATA ${LANG_ENGLISH} "Deletes %LOCALAPPDATA%\OPCMS (database, backups and logs) and this user's settings. This cannot be undone: back up first."
LangString LINK_UNINSTALL ${LANG_SIMPCHINESE} "卸载 OP_CMS"
LangString LINK_UNINSTALL ${LANG_ENGLISH} "Uninstall OP_CMS"
LangString NEED_X64 ${LANG_SIMPCHINESE} "OP_CMS 需要 64 位 Windows 10 或更高版本。"
LangString NEED_X64 ${LANG_ENGLISH} "OP_CMS needs 64-bit Windows 10 or later."
LangString APP_RUNNING ${LANG_SIMPCHINESE} "OP_CMS 正在运行。请先关闭所有 OP_CMS 窗口，然后点“重试”。"
LangString APP_RUNNING ${LANG_ENGLISH} "OP_CMS is running. Close every OP_CMS window, then click Retry."
LangString TASK_FAILED ${LANG_SIMPCHINESE} "未能登记计划任务（schtasks 退出码 $0）。程序已安装；可稍后在设置中登记。"
LangString TASK_FAILED ${LANG_ENGLISH} "The scheduled task could not be registered (schtasks exit code $0). The program is installed; register it later from the settings."
LangString DATA_KEPT_SHORT ${LANG_SIMPCHINESE} "将从本机删除 OP_CMS 程序。除非在下一页勾选“同时删除我的数据”，您的数据（%LOCALAPPDATA%\OPCMS 中的数据库 opcms.db、备份和日志）和设置都会保留。"
LangString DATA_KEPT_SHORT ${LANG_ENGLISH} "OP_CMS will be removed from this computer. Unless you tick “Also delete my data” on the next page, your data (the database opcms.db, backups and logs in %LOCALAPPDATA%\OPCMS) and settings are kept."
LangString DATA_KEPT ${LANG_SIMPCHINESE} "OP_CMS 已卸载。$\r$\n$\r$\n您的数据没有被删除：数据库 opcms.db、备份和日志仍在 %LOCALAPPDATA%\OPCMS 文件夹中，重新安装后可继续使用。"
LangString DATA_KEPT ${LANG_ENGLISH} "OP_CMS has been uninstalled.$\r$\n$\r$\nYour data has NOT been deleted: the database opcms.db, backups and logs remain in %LOCALAPPDATA%\OPCMS, ready for a reinstall."
LangString DATA_DELETED ${LANG_SIMPCHINESE} "OP_CMS 和您的数据已删除。"
LangString DATA_DELETED ${LANG_ENGLISH} "OP_CMS and your data have been removed."

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

; --- Is OP_CMS running? (the app holds a named mutex while it runs) -----------------------------------
; Leaves 1 in $R9 when the user gave up (Cancel, or silent mode), 0 when OP_CMS is not running.
!macro WAIT_UNTIL_CLOSED_FUNCTION PREFIX
Function ${PREFIX}WaitUntilClosed
  StrCpy $R9 0
  check:
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r1'
    ${If} $1 P<> 0
      System::Call 'kernel32::CloseHandle(p r1)'
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(APP_RUNNING)" /SD IDCANCEL IDRETRY check
      StrCpy $R9 1
    ${EndIf}
FunctionEnd

Function ${PREFIX}CheckNotRunningOnLeave
  Call ${PREFIX}WaitUntilClosed
  ${If} $R9 == 1
    Abort ; stay on the page
  ${EndIf}
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED_FUNCTION ""
!insertmacro WAIT_UNTIL_CLOSED_FUNCTION "un."

; --- Install -----------------------------------------------------------------------------------------
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NEED_X64)" /SD IDOK
    Abort
  ${EndIf}
  SetShellVarContext current
  ; An upgrade goes where the previous version went, unless a folder was given on the command line (/D=...).
  ${If} $INSTDIR == "$LOCALAPPDATA\Programs\OPCMS"
    ReadRegStr $0 HKCU "${REG_KEY}" "InstallDir"
    ${If} $0 != ""
      StrCpy $INSTDIR $0
    ${EndIf}
  ${EndIf}
  !insertmacro MUI_LANGDLL_DISPLAY
  Call WaitUntilClosed
  ${If} $R9 == 1
    Abort
  ${EndIf}
FunctionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Upgrade in place: remove everything the previous version installed (PyInstaller 6 puts all but the
  ; two executables into _internal\), so no stale module or library survives. Only these names: the
  ; folder may have been chosen by hand and hold other things.
  RMDir /r "$INSTDIR\${INTERNAL_DIR}"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  File /r "${DIST_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateDirectory "${STARTMENU_DIR}"
  CreateShortcut "${STARTMENU_DIR}\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
  CreateShortcut "${STARTMENU_DIR}\$(LINK_UNINSTALL).lnk" "$INSTDIR\${UNINSTALLER}"

  WriteRegStr HKCU "${REG_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REG_KEY}" "Version" "${VERSION}"

  ; Add/Remove Programs (Apps & features), for this user
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
SectionEnd

; Off by default. A task of the installing user (no /RU: no password is stored, no admin rights needed),
; run while that user is signed in. /F replaces the task of an earlier install.
Section /o "$(SEC_TASK)" SecTask
  nsExec::ExecToLog 'schtasks.exe /Create /F /SC HOURLY /TN "${TASK_NAME}" /TR "\"$INSTDIR\${CLI_EXE}\" jobs run-due"'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(TASK_FAILED)" /SD IDOK
  ${Else}
    WriteRegDWORD HKCU "${REG_KEY}" "ScheduledTask" 1
  ${EndIf}
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(DESC_APP)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(DESC_DESKTOP)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecTask} "$(DESC_TASK)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; --- Uninstall ---------------------------------------------------------------------------------------
Section "!un.$(SEC_UNAPP)" SecUnApp
  SectionIn RO
  ; Only what the installer put there: never RMDir /r "$INSTDIR" (the folder may have been chosen by hand).
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\${INTERNAL_DIR}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  Delete "$DESKTOP\${SHORTCUT}"
  RMDir /r "${STARTMENU_DIR}"

  ReadRegDWORD $0 HKCU "${REG_KEY}" "ScheduledTask"
  ${If} $0 == 1
    nsExec::ExecToLog 'schtasks.exe /Delete /F /TN "${TASK_NAME}"'
    Pop $0
  ${EndIf}

  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegValue HKCU "${REG_KEY}" "InstallDir"
  DeleteRegValue HKCU "${REG_KEY}" "Version"
  DeleteRegValue HKCU "${REG_KEY}" "ScheduledTask"
  DeleteRegValue HKCU "${REG_KEY}" "InstallerLanguage"
SectionEnd

; Off by default: the data stays unless the user asks (or passes /DELETEDATA).
Section /o "un.$(SEC_UNDATA)" SecUnData
  RMDir /r "${DATA_DIR}"
  DeleteRegKey HKCU "${REG_KEY}" ; the app's settings (QSettings: connection profile, window layout)
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnData} "$(DESC_UNDATA)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

; After the sections: it selects SecUnData by its index.
Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  ; uninstall.exe /S /DELETEDATA: the silent way to tick "delete my data"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecUnData}
  ${EndIf}
  Call un.WaitUntilClosed
  ${If} $R9 == 1
    Abort
  ${EndIf}
FunctionEnd

Function un.onUninstSuccess
  ${If} ${SectionIsSelected} ${SecUnData}
    MessageBox MB_OK|MB_ICONINFORMATION "$(DATA_DELETED)" /SD IDOK
  ${Else}
    MessageBox MB_OK|MB_ICONINFORMATION "$(DATA_KEPT)" /SD IDOK
  ${EndIf}
FunctionEnd
