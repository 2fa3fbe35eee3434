"""Start-up: from launching `opcms-desktop` to its first window on screen.

    python benchmarks/bench_startup.py [--runs 5] [--json]

Each run starts a fresh interpreter (as a user's double-click does) with a throwaway settings and data
folder, so the first window is the one a user sees first (welcome or login). The child notes the wall
clock when Qt first exposes a top-level window and exits at once; the figure is that moment minus the
moment the parent launched it. Offscreen platform, so no window manager or GPU is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0

CHILD = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
import opcms_desktop.app as app_module

class FirstWindow(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and getattr(obj, "isExposed", lambda: False)():
            print(f"FIRST_WINDOW {time.time():.6f}", flush=True)
            os._exit(0)
        return False

configure = app_module.configure_application
spy = FirstWindow()

def configure_and_watch(app):
    configure(app)
    app.installEventFilter(spy)

app_module.configure_application = configure_and_watch
sys.exit(app_module.main(["opcms-desktop"]))
"""


def one_run() -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_CONFIG_HOME": home,
               "XDG_DATA_HOME": home, "XDG_STATE_HOME": home, "XDG_CACHE_HOME": home, "APPDATA": home,
               "LOCALAPPDATA": home}
        start = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=60)
        for line in out.stdout.splitlines():
            if line.startswith("FIRST_WINDOW "):
                return float(line.split()[1]) - start
        raise RuntimeError(f"no window appeared (exit {out.returncode}):\n{out.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    one_run()  # warm the file cache: a user's second start of the day is the common case
    times = [one_run() for _ in range(args.runs)]
    result = {"runs": [round(t, 3) for t in times], "median": round(statistics.median(times), 3),
              "best": round(min(times), 3), "target": TARGET, "load": round(os.getloadavg()[0], 1)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"start-up to first window: median {result['median']:.3f} s, best {result['best']:.3f} s over "
              f"{args.runs} runs (target < {TARGET:g} s; load average {result['load']})")
    return 0 if result["median"] < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
