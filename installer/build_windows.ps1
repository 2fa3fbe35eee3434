<#
.SYNOPSIS
    Build the OP_CMS Windows installer: build venv -> PyInstaller (dist\OPCMS\) -> NSIS
    (dist\OPCMS-Setup-<version>.exe).

.DESCRIPTION
    Run on a Windows 10/11 x64 build machine with 64-bit CPython 3.11 (the py launcher) and NSIS 3:

        powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1

    Steps: a separate build venv (build\venv, nothing but the app and PyInstaller, so no test tools
    and never keyrings.alt get bundled), `pip install -e ".[build]"`,
    `pyinstaller installer\opcms.spec --noconfirm`, a smoke test of the frozen CLI (creates a
    throw-away SQLite database: proves the bundled migrations run), the frozen desktop self-test
    (`opcms-desktop.exe --self-test`: migrations, login, customer import, bill run, bill PDF, chart PNG,
    backup, offscreen; its summary is dist\self-test.json), optionally signing the executables, then
    `makensis /DVERSION=... installer\opcms.nsi`. Stops at the first failing step.
    .github/workflows/windows.yml runs exactly this script on a Windows runner.

.PARAMETER Version
    Version written into the installer (Add/Remove Programs, file name). Default: pyproject.toml.
.PARAMETER PythonVersion
    Python the build venv is made from, through the py launcher (default 3.11, like the office PCs' tests).
.PARAMETER Makensis
    Path to makensis.exe. Default: makensis on PATH, else Program Files (x86)\NSIS\makensis.exe.
.PARAMETER Clean
    Delete build\ (with the build venv) and dist\OPCMS\ first.
.PARAMETER SkipSmokeTest
    Do not run the frozen opcms.exe and the desktop self-test before packing.
.PARAMETER Sign
    Sign opcms-desktop.exe, opcms.exe, the setup program and its uninstaller with installer\sign.ps1
    (the certificate comes from OPCMS_SIGN_PFX / OPCMS_SIGN_PASSWORD; see installer\README.md).
#>
[CmdletBinding()]
param(
    [string]$Version = "",
    [string]$PythonVersion = "3.11",
    [string]$Makensis = "",
    [switch]$Clean,
    [switch]$SkipSmokeTest,
    [switch]$Sign
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
$Work = Join-Path $Root "build"            # PyInstaller work files and the build venv (git-ignored)
$Venv = Join-Path $Work "venv"
$Py = Join-Path $Venv "Scripts\python.exe"
$Dist = Join-Path $Root "dist"
$AppDir = Join-Path $Dist "OPCMS"
$Spec = Join-Path $Root "installer\opcms.spec"
$Nsi = Join-Path $Root "installer\opcms.nsi"

function Invoke-Native {
    # Run a program, echo the command, stop the build if it fails.
    param([Parameter(Mandatory = $true)][string]$Exe, [string[]]$Arguments = @())
    Write-Host "> $Exe $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Exe' failed with exit code $LASTEXITCODE" }
}

function Find-Makensis {
    $onPath = Get-Command makensis -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    foreach ($candidate in @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")) {
        if (Test-Path $candidate) { return $candidate }
    }
    throw "makensis not found: install NSIS 3 (https://nsis.sourceforge.io, or 'winget install NSIS.NSIS') or pass -Makensis C:\path\makensis.exe"
}

Push-Location $Root
try {
    if ($Clean) {
        foreach ($old in @($Work, $AppDir)) {
            if (Test-Path $old) { Write-Host "removing $old"; Remove-Item -Recurse -Force $old }
        }
    }

    # 1. Build venv
    if (-not (Test-Path $Py)) {
        if (Get-Command py -ErrorAction SilentlyContinue) {
            Invoke-Native "py" @("-$PythonVersion", "-m", "venv", $Venv)
        } else {
            Invoke-Native "python" @("-m", "venv", $Venv)
        }
    }
    Invoke-Native $Py @("-c", "import struct, sys; sys.exit(0 if struct.calcsize('P') == 8 else 'a 64-bit Python is needed')")

    # 2. The app and PyInstaller (6.x: the installer script expects the onedir '_internal' layout)
    Invoke-Native $Py @("-m", "pip", "install", "--upgrade", "pip")
    Invoke-Native $Py @("-m", "pip", "install", "-e", ".[build]")
    # keyrings.alt would give keyring a plaintext password file: refuse to build with it installed.
    Invoke-Native $Py @("-c", "import importlib.util, sys; sys.exit('keyrings.alt is installed in the build venv: pip uninstall keyrings.alt' if importlib.util.find_spec('keyrings') else 0)")

    if (-not $Version) {
        $Version = (& $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
        if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "could not read the version from pyproject.toml" }
    }
    Write-Host "OP_CMS version $Version" -ForegroundColor Green

    # 3. PyInstaller: dist\OPCMS\ with opcms-desktop.exe, opcms.exe and _internal\
    Invoke-Native $Py @("-m", "PyInstaller", $Spec, "--noconfirm", "--clean", "--distpath", $Dist, "--workpath", $Work)
    foreach ($exe in @("opcms-desktop.exe", "opcms.exe")) {
        if (-not (Test-Path (Join-Path $AppDir $exe))) { throw "PyInstaller did not produce $AppDir\$exe" }
    }

    # 4. Smoke test: the frozen CLI creates and migrates a throw-away SQLite database.
    if (-not $SkipSmokeTest) {
        $smokeDir = Join-Path ([IO.Path]::GetTempPath()) ("opcms-smoke-" + [guid]::NewGuid().ToString("N"))
        New-Item -ItemType Directory -Path $smokeDir | Out-Null
        try {
            $env:OPCMS_ADMIN_PASSWORD = "Smoke-" + [guid]::NewGuid().ToString("N").Substring(0, 16)
            $dbUrl = "sqlite:///" + ((Join-Path $smokeDir "smoke.db") -replace "\\", "/")
            Invoke-Native (Join-Path $AppDir "opcms.exe") @("--db", $dbUrl, "init", "--json")
        } finally {
            Remove-Item Env:OPCMS_ADMIN_PASSWORD -ErrorAction SilentlyContinue
            Remove-Item -Recurse -Force $smokeDir -ErrorAction SilentlyContinue
        }

        # The desktop self-test: a windowed program has no console, so its exit code and the summary
        # file tell the result (the same run as installer/build_linux.sh on Linux).
        $selfTestDir = Join-Path ([IO.Path]::GetTempPath()) ("opcms-self-test-" + [guid]::NewGuid().ToString("N"))
        $gui = Join-Path $AppDir "opcms-desktop.exe"
        Write-Host "> $gui --self-test --self-test-dir $selfTestDir" -ForegroundColor Cyan
        $run = Start-Process -FilePath $gui -ArgumentList @("--self-test", "--self-test-dir", "`"$selfTestDir`"") -Wait -PassThru
        $summaryFile = Join-Path $selfTestDir "self-test.json"
        if (Test-Path $summaryFile) {
            Copy-Item $summaryFile (Join-Path $Dist "self-test.json") -Force
            Get-Content $summaryFile | Write-Host
        }
        if ($run.ExitCode -ne 0) { throw "the frozen self-test failed (exit code $($run.ExitCode)); see $summaryFile" }
        Remove-Item -Recurse -Force $selfTestDir -ErrorAction SilentlyContinue
    }

    # 4b. Optional code signing of the executables (the setup program is signed by makensis, /DSIGN=1)
    $SignScript = Join-Path $Root "installer\sign.ps1"
    if ($Sign) {
        foreach ($exe in @("opcms-desktop.exe", "opcms.exe")) {
            Invoke-Native "powershell.exe" @("-NoProfile", "-ExecutionPolicy", "Bypass", "-File", $SignScript, (Join-Path $AppDir $exe))
        }
    }

    # 5. NSIS: dist\OPCMS-Setup-<version>.exe
    if (-not $Makensis) { $Makensis = Find-Makensis }
    $nsisArgs = @("/DVERSION=$Version", "/DDIST_DIR=$AppDir", "/DOUT_DIR=$Dist")
    if ($Sign) { $nsisArgs += "/DSIGN=1" }
    Invoke-Native $Makensis ($nsisArgs + @($Nsi))

    $Setup = Join-Path $Dist "OPCMS-Setup-$Version.exe"
    if (-not (Test-Path $Setup)) { throw "makensis succeeded but $Setup is missing" }
    $item = Get-Item $Setup
    $hash = (Get-FileHash -Algorithm SHA256 $Setup).Hash
    Write-Host ""
    Write-Host "Installer: $($item.FullName)" -ForegroundColor Green
    Write-Host ("Size:      {0:N1} MB" -f ($item.Length / 1MB))
    Write-Host "SHA256:    $hash"
    if ($Sign) { Write-Host "Signed (executables, setup program, uninstaller)." } else { Write-Host "Not code-signed (see installer\README.md)." }
} finally {
    Pop-Location
}
