"""Frozen entry point of the desktop client: PyInstaller builds opcms-desktop.exe from this file.

A windowed (no console) executable has no stdout/stderr on Windows (sys.stdout is None), so the log
that `opcms_desktop.app.main` writes would vanish. Here they go to a file in the per-user log folder
(%LOCALAPPDATA%\\OPCMS\\Logs\\opcms-desktop.log), never into the installation folder.
"""

import multiprocessing
import os
import sys
from pathlib import Path

LOG_LIMIT = 2 * 1024 * 1024  # bytes; above this the previous log becomes opcms-desktop.log.old


def _log_stream():
    try:
        from platformdirs import user_log_dir

        folder = Path(user_log_dir("OPCMS", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "opcms-desktop.log"
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            path.replace(path.with_name(path.name + ".old"))
        return open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the process
    except OSError:
        return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _give_missing_streams_a_home() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    stream = _log_stream()
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _give_missing_streams_a_home()
    from opcms_desktop.app import main

    sys.exit(main())
