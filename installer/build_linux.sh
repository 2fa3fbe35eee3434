#!/usr/bin/env bash
# Freeze OP_CMS on Linux with the same spec as Windows (installer/opcms.spec) into dist/OPCMS/ (one
# folder: opcms-desktop, opcms, _internal/), then run the frozen end-to-end self-test offscreen.
#
#   installer/build_linux.sh                 # build + self-test
#   installer/build_linux.sh --clean         # remove build/pyinstaller and dist/OPCMS first
#   installer/build_linux.sh --no-self-test  # build only
#   PYTHON=python3.11 installer/build_linux.sh
#
# Uses the current Python environment (the app must be installed in it: pip install -e ".[build]").
# Exit code: 0 when the bundle was built and its self-test passed; non-zero otherwise (the self-test's
# failing step is on the output). The bundle's size and the timings are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
WORK="$ROOT/build/pyinstaller"
DIST="$ROOT/dist"
APP="$DIST/OPCMS"
clean=0
self_test=1
for arg in "$@"; do
    case "$arg" in
        --clean) clean=1 ;;
        --no-self-test) self_test=0 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "build_linux.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

"$PYTHON" -c "import PyInstaller" 2>/dev/null || {
    echo "build_linux.sh: PyInstaller is not installed: $PYTHON -m pip install -e '.[build]'" >&2; exit 2; }
# keyrings.alt would give keyring a plaintext password file (ARCHITECTURE.md): the spec refuses it too.
"$PYTHON" -c "import importlib.util, sys; sys.exit(1 if importlib.util.find_spec('keyrings') else 0)" || {
    echo "build_linux.sh: keyrings.alt is installed; the build would refuse it (pip uninstall keyrings.alt)" >&2; exit 2; }

if [ "$clean" = 1 ]; then rm -rf "$WORK" "$APP"; fi
start=$(date +%s)
echo "build_linux.sh: PyInstaller $("$PYTHON" -m PyInstaller --version) -> $APP"
"$PYTHON" -m PyInstaller installer/opcms.spec --noconfirm --distpath "$DIST" --workpath "$WORK" --log-level WARN
for exe in opcms-desktop opcms; do
    [ -x "$APP/$exe" ] || { echo "build_linux.sh: PyInstaller did not produce $APP/$exe" >&2; exit 1; }
done
built=$(date +%s)
echo "build_linux.sh: built in $((built - start)) s, $(du -sh "$APP" | cut -f1)"

if [ "$self_test" = 1 ]; then
    folder=$(mktemp -d -t opcms-frozen-self-test-XXXXXX)
    # A fresh HOME-independent run: the self-test makes its own SQLite file in $folder.
    QT_QPA_PLATFORM=offscreen "$APP/opcms-desktop" --self-test --self-test-dir "$folder"
    echo "build_linux.sh: frozen self-test passed in $(($(date +%s) - built)) s ($folder)"
fi
