"""Cheap checks of installer/: the PyInstaller spec, the NSIS script, the launchers and the icon.

The real build (PyInstaller) only runs on Windows; here the files are parsed, and the NSIS script is
compiled with makensis against a fake dist folder when makensis is installed (Debian: nsis).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "opcms.spec"
NSI = INSTALLER / "opcms.nsi"


def _spec_tree() -> ast.Module:
    source = SPEC.read_text(encoding="utf-8")
    compile(source, str(SPEC), "exec")  # a SyntaxError fails the test
    return ast.parse(source)


def _strings_assigned_to(tree: ast.Module, name: str) -> set[str]:
    """Every string constant in the values assigned (=, +=) to a module-level name."""
    found: set[str] = set()
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AugAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            found |= {
                n.value
                for n in ast.walk(node.value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            }
    return found


def _spec_constant(tree: ast.Module, name: str) -> str:
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            return node.value.value
    raise AssertionError(f"{name} is not a string constant in {SPEC.name}")


def _nsi_text() -> str:
    return NSI.read_text(encoding="utf-8-sig")


def _nsi_define(name: str) -> str:
    match = re.search(rf'^!define {name} "([^"]*)"', _nsi_text(), re.MULTILINE)
    assert match, f"!define {name} missing from {NSI.name}"
    return match.group(1)


def test_spec_parses_and_ships_migrations_and_resources_as_files():
    datas = _strings_assigned_to(_spec_tree(), "datas")
    assert {"opcms_desktop/migrations", "opcms_desktop/resources"} <= datas
    # what alembic reads from disk at run time exists where the spec takes it from
    assert (ROOT / "opcms_desktop/migrations/env.py").is_file()
    assert (ROOT / "opcms_desktop/migrations/script.py.mako").is_file()
    assert list((ROOT / "opcms_desktop/migrations/versions").glob("0*.py"))
    assert (ROOT / "opcms_desktop/resources").is_dir()


def test_spec_excludes_keyrings_alt():
    tree = _spec_tree()
    assert {"keyrings", "keyrings.alt"} <= _strings_assigned_to(tree, "excludes")
    # the Qt modules the app does not use stay out (excludes = PySide6.<each of QT_UNUSED>)
    assert {"QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia"} <= _strings_assigned_to(
        tree, "QT_UNUSED"
    )


def test_spec_hidden_imports_cover_dynamic_loading():
    hidden = _strings_assigned_to(_spec_tree(), "hiddenimports")
    for module in (
        "keyring.backends.Windows",
        "sqlalchemy.dialects.sqlite",
        "sqlalchemy.dialects.postgresql.psycopg",
        "psycopg_binary",
        "alembic.ddl.postgresql",
        "python_calamine",
        "openpyxl",
    ):
        assert module in hidden, module


def test_executable_names_do_not_collide_on_windows_and_match_the_nsi():
    tree = _spec_tree()
    gui, cli = _spec_constant(tree, "GUI_NAME"), _spec_constant(tree, "CLI_NAME")
    assert gui.lower() != cli.lower(), (
        "Windows file names ignore case: the two .exe would overwrite each other"
    )
    assert _nsi_define("GUI_EXE") == f"{gui}${{EXE_SUFFIX}}"
    assert _nsi_define("CLI_EXE") == f"{cli}${{EXE_SUFFIX}}"
    assert re.search(r'!ifndef EXE_SUFFIX\s+!define EXE_SUFFIX "\.exe"', _nsi_text())  # .exe unless told
    assert (INSTALLER / "launch_desktop.py").is_file() and (INSTALLER / "launch_cli.py").is_file()


def _section(text: str, header: str) -> str:
    start = text.index(header)
    return text[start : text.index("SectionEnd", start)]


def test_nsi_registers_the_uninstaller_and_keeps_user_data_unless_asked():
    assert NSI.read_bytes().startswith(b"\xef\xbb\xbf"), (
        "makensis needs the UTF-8 BOM for the Chinese strings"
    )
    text = _nsi_text()
    assert _nsi_define("UNINST_KEY") == r"Software\Microsoft\Windows\CurrentVersion\Uninstall\OPCMS"
    for value in ("DisplayName", "DisplayVersion", "Publisher", "UninstallString"):
        assert re.search(rf'WriteRegStr HKCU "\${{UNINST_KEY}}" "{value}"', text), value
    assert '"DisplayVersion" "${VERSION}"' in text
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text and '!insertmacro MUI_LANGUAGE "English"' in text
    uninstall = _section(text, 'Section "!un.$(SEC_UNAPP)"')
    removals = [
        line.strip() for line in uninstall.splitlines() if line.strip().startswith(("Delete ", "RMDir "))
    ]
    assert removals
    # never the whole install folder recursively (it may have been chosen by hand), never the user data
    assert not any(re.fullmatch(r'RMDir /r "?\$INSTDIR\\?"?', line) for line in removals), removals
    assert not any("APPDATA" in line or "DATA_DIR" in line or "$PROFILE" in line for line in removals), (
        removals
    )
    # the data goes only in its own section, which is off ("/o") unless ticked or /DELETEDATA is passed
    data = _section(text, 'Section /o "un.$(SEC_UNDATA)" SecUnData')
    assert 'RMDir /r "${DATA_DIR}"' in data
    assert _nsi_define("DATA_DIR") == r"$LOCALAPPDATA\OPCMS"
    assert '${GetOptions} $0 "/DELETEDATA" $1' in text and "!insertmacro SelectSection ${SecUnData}" in text
    assert "DATA_KEPT" in text[text.index("Function un.onUninstSuccess") :]


def test_nsi_installs_per_user_and_refuses_while_the_app_runs():
    from opcms_desktop.ui.instance import MUTEX_NAME

    text = _nsi_text()
    assert "RequestExecutionLevel user" in text and "RequestExecutionLevel admin" not in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\OPCMS"' in text
    assert "HKLM" not in text.replace("; ", "")  # nothing per machine
    assert _nsi_define("RUNNING_MUTEX") == MUTEX_NAME  # the name the app holds while it runs
    assert text.count('OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}")') == 1  # one macro, used twice
    for caller in ("Function .onInit", "Function un.onInit"):
        body = text[text.index(caller) : text.index("FunctionEnd", text.index(caller))]
        assert "WaitUntilClosed" in body and "Abort" in body, caller
    # upgrade in place: the previous version's files go before the new ones are copied
    app = _section(text, 'Section "!$(SEC_APP)" SecApp')
    assert app.index('RMDir /r "$INSTDIR\\${INTERNAL_DIR}"') < app.index('File /r "${DIST_DIR}\\*"')
    assert app.index('Delete "$INSTDIR\\${GUI_EXE}"') < app.index('File /r "${DIST_DIR}\\*"')


def test_nsi_scheduled_task_is_optional_and_removed_on_uninstall():
    text = _nsi_text()
    task = _section(text, 'Section /o "$(SEC_TASK)" SecTask')
    assert "schtasks.exe /Create /F /SC HOURLY" in task and "jobs run-due" in task and "/RU" not in task
    assert 'schtasks.exe /Delete /F /TN "${TASK_NAME}"' in _section(text, 'Section "!un.$(SEC_UNAPP)"')


def test_icon_is_a_windows_icon_with_small_and_large_images():
    data = (INSTALLER / "opcms.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 2
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 256} <= sizes


def test_windowed_launcher_sends_missing_streams_to_the_user_log(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "launch_desktop_under_test", INSTALLER / "launch_desktop.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the __main__ block does not run
    monkeypatch.setattr("platformdirs.user_log_dir", lambda *args, **kwargs: str(tmp_path / "Logs"))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    module._give_missing_streams_a_home()
    stream = sys.stderr
    try:
        assert stream is sys.stdout and stream is not None
        print("hello from a windowed exe", file=stream)
    finally:
        stream.close()
    assert "hello from a windowed exe" in (tmp_path / "Logs" / "opcms-desktop.log").read_text(
        encoding="utf-8"
    )


def _fake_dist(tmp_path: Path, *, with_gui: bool = True) -> Path:
    dist = tmp_path / "dist" / "OPCMS"
    (dist / "_internal" / "opcms_desktop" / "migrations").mkdir(parents=True)
    (dist / "_internal" / "opcms_desktop" / "migrations" / "env.py").write_text("# fake\n", encoding="utf-8")
    (dist / "opcms.exe").write_bytes(b"MZ fake console exe")
    if with_gui:
        (dist / "opcms-desktop.exe").write_bytes(b"MZ fake windowed exe")
    return dist


def _makensis(dist: Path, out: Path, *defines: str) -> subprocess.CompletedProcess:
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis is not installed (apt-get install nsis)")
    out.mkdir(parents=True, exist_ok=True)
    # "-D" works with makensis on Linux and Windows ("/D" only on Windows); -WX: a warning fails too
    cmd = [
        makensis,
        "-V2",
        "-WX",
        "-DVERSION=0.1.0",
        *defines,
        f"-DDIST_DIR={dist}",
        f"-DOUT_DIR={out}",
        str(NSI),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


LINUX_BUNDLE = ROOT / "dist" / "OPCMS"


def test_makensis_compiles_the_installer_against_the_linux_bundle(tmp_path):
    """The real onedir layout of installer/build_linux.sh (skipped when no bundle was built here)."""
    if not (LINUX_BUNDLE / "opcms-desktop").is_file() or not (LINUX_BUNDLE / "_internal").is_dir():
        pytest.skip("no Linux bundle: installer/build_linux.sh builds dist/OPCMS")
    result = _makensis(LINUX_BUNDLE, tmp_path / "out", "-DNO_COMPRESSION", "-DEXE_SUFFIX=")
    assert result.returncode == 0, result.stdout + result.stderr
    setup = tmp_path / "out" / "OPCMS-Setup-0.1.0.exe"
    assert setup.read_bytes()[:2] == b"MZ"
    assert setup.stat().st_size > 50_000_000  # the bundle is inside


def test_makensis_compiles_the_installer(tmp_path):
    result = _makensis(_fake_dist(tmp_path), tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    setup = tmp_path / "out" / "OPCMS-Setup-0.1.0.exe"
    assert setup.read_bytes()[:2] == b"MZ"


def test_makensis_refuses_a_dist_folder_without_the_app(tmp_path):
    result = _makensis(_fake_dist(tmp_path, with_gui=False), tmp_path / "out")
    assert result.returncode != 0
    assert "opcms-desktop.exe" in result.stdout + result.stderr


def test_spec_bundles_charts_and_the_optional_sqlcipher_and_stays_lean():
    tree = _spec_tree()
    hidden = _strings_assigned_to(tree, "hiddenimports")
    assert {"pyqtgraph", "pyqtgraph.exporters"} <= hidden
    assert "sqlcipher3" in _strings_assigned_to(tree, "hiddenimports")  # via optional_installed(...)
    assert {"tests", "tkinter", "pyqtgraph.opengl", "PyInstaller"} <= _strings_assigned_to(tree, "excludes")


def test_the_linux_build_and_ci_run_the_frozen_self_test():
    script = (INSTALLER / "build_linux.sh").read_text(encoding="utf-8")
    assert (INSTALLER / "build_linux.sh").stat().st_mode & 0o111, "build_linux.sh must be executable"
    assert "installer/opcms.spec" in script and '"$APP/opcms-desktop" --self-test' in script
    assert "set -euo pipefail" in script  # a failed self-test fails the build
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "installer/build_linux.sh" in ci and "timeout " in ci and "OPCMS_CI_FROZEN_BUDGET" in ci


def test_the_windows_workflow_runs_the_build_script_and_signs_only_with_secrets():
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    steps = "\n".join(line for line in workflow.splitlines() if not line.lstrip().startswith("#"))
    assert "runs-on: windows-" in steps and "installer\\build_windows.ps1" in steps
    assert "dist/OPCMS-Setup-*.exe" in steps and "actions/upload-artifact@v4" in steps
    assert "if: env.HAS_SIGNING == 'true'" in steps  # no secrets: no signing step
    assert "${{ secrets.OPCMS_SIGN_PASSWORD }}" in steps and "-Sign" in steps
    build = (INSTALLER / "build_windows.ps1").read_text(encoding="utf-8")
    assert '"--self-test", "--self-test-dir"' in build and "self-test.json" in build
    assert "/DSIGN=1" in build and "sign.ps1" in build and (INSTALLER / "sign.ps1").is_file()
    assert "!uninstfinalize" in _nsi_text() and "sign.ps1" in _nsi_text()
