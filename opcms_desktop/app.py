"""`opcms-desktop`: settings, connection profile, login, main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .ui.controller import Controller
from .ui.help.paths import log_file
from .ui.i18n import install_language

log = logging.getLogger("opcms_desktop")

CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")


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


def configure_logging() -> None:
    """stderr and the log file (Help > About shows where it is)."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"))
    except OSError:
        pass  # a read-only profile: stderr only
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        handlers=handlers)


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    app = QApplication(list(argv) if argv is not None else sys.argv)
    configure_application(app)
    controller = Controller(QSettings())
    controller.start()
    code = app.exec()
    controller.runner.cancel_all()
    controller.runner.wait_for_done(10000)
    log.info("OP_CMS Desktop exits with code %s", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
