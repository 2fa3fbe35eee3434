<#
.SYNOPSIS
    Sign one file with the code-signing certificate named by environment variables (optional step).

.DESCRIPTION
    Called by build_windows.ps1 -Sign for dist\OPCMS\opcms-desktop.exe and opcms.exe, and by makensis
    (!finalize / !uninstfinalize in opcms.nsi) for the setup program and the uninstaller it contains.

        OPCMS_SIGN_PFX          path to the .pfx certificate file (required)
        OPCMS_SIGN_PASSWORD     its password (required)
        OPCMS_SIGN_TIMESTAMP    RFC 3161 timestamp server (default http://timestamp.digicert.com)
        OPCMS_SIGNTOOL          path to signtool.exe (default: on PATH, else the newest Windows SDK one)

    The password is passed to signtool on its command line, which is never echoed here.
#>
param([Parameter(Mandatory = $true)][string]$File)

$ErrorActionPreference = "Stop"
if (-not $env:OPCMS_SIGN_PFX -or -not (Test-Path $env:OPCMS_SIGN_PFX)) { throw "OPCMS_SIGN_PFX does not name a .pfx file" }
if (-not $env:OPCMS_SIGN_PASSWORD) { throw "OPCMS_SIGN_PASSWORD is not set" }
$timestamp = if ($env:OPCMS_SIGN_TIMESTAMP) { $env:OPCMS_SIGN_TIMESTAMP } else { "http://timestamp.digicert.com" }

$signtool = $env:OPCMS_SIGNTOOL
if (-not $signtool) {
    $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($onPath) {
        $signtool = $onPath.Source
    } else {
        $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
            Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
    }
}
if (-not $signtool) { throw "signtool.exe not found: install the Windows SDK or set OPCMS_SIGNTOOL" }

Write-Host "signing $File"
& $signtool sign /fd SHA256 /td SHA256 /tr $timestamp /f $env:OPCMS_SIGN_PFX /p $env:OPCMS_SIGN_PASSWORD $File
if ($LASTEXITCODE -ne 0) { throw "signtool failed on $File (exit code $LASTEXITCODE)" }
