"""Render every screen with demo data and save PNGs to docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py          # or under xvfb-run
    python scripts/screenshots.py users login                          # only some shots

Each shot is a function registered with @shot("name"); it gets a Studio (database, runner, actor)
and returns the widget to grab. Add one per screen you build.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPCMS_BCRYPT_ROUNDS", "4")

import keyring  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from opcms_desktop.app import configure_application  # noqa: E402
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope  # noqa: E402
from opcms_desktop.services.security import bootstrap, users
from opcms_desktop.services.security.auth import authenticate  # noqa: E402
from opcms_desktop.ui.connection import ConnectionProfile  # noqa: E402
from opcms_desktop.ui.context import AppContext  # noqa: E402
from opcms_desktop.ui.i18n import install_language  # noqa: E402
from opcms_desktop.ui.self_test import ProcessKeyring  # noqa: E402

keyring.set_keyring(ProcessKeyring())  # the demo database's key lives as long as this process
from opcms_desktop.ui.operations import OperationRunner  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ADMIN_PASSWORD = "Demo-admin-2026"
SHOTS: dict[str, Callable[[Studio], QWidget]] = {}
DEMO_SIZE = "OPCMS_SHOTS_DEMO"  # "CUSTOMERS,MONTHS": a smaller demo for the test suite's language walks


def demo_size() -> dict[str, int]:
    """load_demo's size for the demo-data shots: the real sheet x 24 months (the pictures), or what
    OPCMS_SHOTS_DEMO asks for (the language walks read texts, not figures: ~30 s less per shot)."""
    asked = os.environ.get(DEMO_SIZE)
    if not asked:
        return {}
    customers, months = (int(part) for part in asked.split(","))
    return {"customers": customers, "months": months}
# Run as a script this module is __main__; shots_*.py import it as `screenshots`: make that the same module.
sys.modules.setdefault("screenshots", sys.modules[__name__])
sys.path.insert(0, str(Path(__file__).resolve().parent))
from screen_texts import database_words, visible_texts  # noqa: E402


def shot(name: str):
    def register(fn):
        SHOTS[name] = fn
        return fn

    return register


class Studio:
    """A demo database and a signed-in admin, shared by every shot."""

    def __init__(self, app: QApplication):
        self.app = app
        self.dir = Path(tempfile.mkdtemp(prefix="opcms-shots-"))
        self.profile = ConnectionProfile(sqlite_path=str(self.dir / "demo.db"))
        self.engine = create_db_engine(self.profile.url())
        bootstrap.initialise(self.engine, "admin", ADMIN_PASSWORD, "王敏")
        self.factory = make_session_factory(self.engine)
        self.actor, _ = authenticate(self.factory, "admin", ADMIN_PASSWORD)
        self.runner = OperationRunner(self.factory, self.actor)
        self.settings = QSettings(str(self.dir / "settings.ini"), QSettings.Format.IniFormat)
        self.ctx = AppContext(self.runner, self.actor, self.settings, self.profile)
        with session_scope(self.factory) as s:
            for username, name, role in [("liuji", "刘冀", "sales"), ("xiehailong", "谢海龙", "sales"),
                                         ("guofuqian", "郭富乾", "ops"), ("luqiang", "路强", "ops")]:
                users.create_user(s, self.actor, username, "Demo-password-1", role, name)
            users.set_active(s, self.actor, "luqiang", False)

    def settle(self, ms: int = 600) -> None:
        """Let background operations finish and their results paint: `ms` of wall-clock time at least.

        Counting the loop's turns instead of the time let it end in a few milliseconds when no worker
        ran, before a model's 15 ms page timer fired (the allocation shot then found no rows).
        """
        self.runner.wait_for_done(30000)
        start = time.monotonic()
        deadline = start + ms / 1000
        while time.monotonic() < deadline:
            self.app.processEvents()
            if not self.runner.wait_for_done(50) and time.monotonic() < start + 30:
                deadline = max(deadline, time.monotonic() + 0.05)  # a worker still runs: wait for it too
            time.sleep(0.01)
        self.app.processEvents()


@shot("login")
def login_dialog(studio: Studio) -> QWidget:
    from opcms_desktop.ui.login import LoginDialog

    dialog = LoginDialog(studio.runner, lambda u, p: None, studio.profile.describe(), username="admin")
    dialog.password.setText("********")
    return dialog


@shot("first-admin")
def first_admin_dialog(studio: Studio) -> QWidget:
    from opcms_desktop.ui.login import FirstAdminDialog

    dialog = FirstAdminDialog(studio.runner, lambda u, p, d: None, studio.profile.describe())
    dialog.display_name.setText("王敏")
    return dialog


@shot("users")
def users_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.main_window import MainWindow

    window = MainWindow(studio.ctx)
    window.resize(1100, 560)
    window.open_screen("users")
    return window


def _load_extra_shots() -> None:
    """Shots of other areas live in scripts/shots_*.py modules next to this file."""
    import importlib

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for path in sorted(Path(__file__).resolve().parent.glob("shots_*.py")):
        importlib.import_module(path.stem)


def _options(argv: list[str]) -> tuple[list[str], str, bool]:
    """shot names, language (--lang en), and --texts (print the visible texts as JSON, save no PNG)."""
    names, language, texts = [], "zh_CN", False
    args = iter(argv)
    for arg in args:
        if arg == "--lang":
            language = next(args)
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
        elif arg == "--texts":
            texts = True
        else:
            names.append(arg)
    return names, language, texts


def main(argv: list[str]) -> int:
    names, language, texts = _options(argv)
    suffix = "" if language == "zh_CN" else f"-{language}"
    if len(names) != 1:
        # One process per shot: each area seeds its own demo data into a fresh studio database.
        _load_extra_shots()
        import os
        import subprocess
        from concurrent.futures import ThreadPoolExecutor

        extra = ["--lang", language] + (["--texts"] if texts else [])

        def one(name: str) -> subprocess.CompletedProcess:
            return subprocess.run([sys.executable, __file__, name, *extra], check=False, capture_output=True, text=True)

        # The shots are independent processes: run as many at once as there are cores (the language walks
        # of the test suite take ~80 shots each), and print each one's output whole, in order.
        wanted = names or list(SHOTS)
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            done = list(pool.map(one, wanted))
        for result in done:
            sys.stdout.write(result.stdout)
            sys.stderr.write(result.stderr)
        failed = [name for name, result in zip(wanted, done, strict=True) if result.returncode != 0]
        if failed:
            print(f"failed: {' '.join(failed)}", file=sys.stderr)
        return 1 if failed else 0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    install_language(language)
    _load_extra_shots()
    studio = Studio(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in SHOTS.items():
        if names and name not in names:
            continue
        widget = make(studio)
        widget.show()
        studio.settle()
        if texts:
            data = database_words(studio.profile.sqlite_path)
            print(json.dumps({"shot": name, "texts": visible_texts(widget), "data": data}, ensure_ascii=False))
        else:
            path = OUT / f"{name}{suffix}.png"
            widget.grab().save(str(path))
            print(f"saved {path}")
        widget.close()
    studio.runner.wait_for_done(30000)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
