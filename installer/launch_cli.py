"""Frozen entry point of the command line: PyInstaller builds opcms.exe (console) from this file."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from opcms_desktop.cli import main

    sys.exit(main())
