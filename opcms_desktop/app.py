"""`opcms-desktop`: settings, connection profile, login, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from . import __version__
from .services.platform.logs import configure_logging, log_path
from .ui.controller import Controller
from .ui.garbage import UiThreadCollector
from .ui.help.crash import install_crash_handlers
from .ui.i18n import install_language
from .ui.instance import hold_instance_mutex
from .ui.self_test import STEPS, run_self_test

log = logging.getLogger("opcms_desktop")

CJK_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)


def configure_application(app: QApplication) -> None:
    app.setOrganizationName("OPCMS")
    app.setApplicationName("OP_CMS Desktop")
    app.setApplicationDisplayName("OP_CMS")
    install_language()  # the user's language (default zh_CN): Qt's translators and the message catalogue
    icon = Path(__file__).resolve().parent / "resources" / "opcms.ico"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style = Path(__file__).resolve().parent / "resources" / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(10)
            app.setFont(font)
            break


def parse_arguments(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options; everything else (Qt's own, e.g. -platform) goes on to QApplication."""
    parser = argparse.ArgumentParser(prog="opcms-desktop", add_help=True)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run the end-to-end self-test offscreen against a new SQLite file, then exit",
    )
    parser.add_argument(
        "--self-test-dir",
        metavar="DIR",
        help="folder for the self-test's files (default: a new temporary folder)",
    )
    parser.add_argument("--self-test-fail", metavar="STEP", choices=STEPS, help=argparse.SUPPRESS)
    options, rest = parser.parse_known_args(list(argv[1:]))
    return options, [argv[0] if argv else "opcms-desktop", *rest]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(argv) if argv is not None else sys.argv
    options, qt_argv = parse_arguments(argv)
    if options.self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists
        configure_logging(console=True, level=logging.WARNING)
        return run_self_test(
            Path(options.self_test_dir) if options.self_test_dir else None, options.self_test_fail
        )
    configure_logging()
    single_instance = hold_instance_mutex()
    app = QApplication(qt_argv)
    configure_application(app)
    UiThreadCollector(app)
    install_crash_handlers()
    log.info("OP_CMS Desktop %s starts (log: %s)", __version__, log_path())
    controller = Controller(QSettings())
    controller.start()
    code = app.exec()
    controller.runner.cancel_all()
    controller.runner.wait_for_done(10000)
    log.info("OP_CMS Desktop exits with code %s", code)
    del single_instance
    return code


if __name__ == "__main__":
    sys.exit(main())
