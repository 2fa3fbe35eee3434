"""Screenshots of the first start and of help: welcome screen, guided path, About, the crash dialog.

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py welcome guide about crash
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from screenshots import Studio, shot

if hasattr(sys.modules.get("__main__"), "SHOTS"):
    # Run as scripts/screenshots.py: register with the module that runs (see shots_customers.py).
    shot = sys.modules["__main__"].shot  # noqa: F811


@shot("welcome")
def welcome_screen(studio: Studio) -> QWidget:
    from opcms_desktop.ui.welcome.dialog import WelcomeDialog

    dialog = WelcomeDialog()
    dialog.show()
    dialog.adjustSize()
    studio.settle(200)
    return dialog


@shot("guide")
def guided_path(studio: Studio) -> QWidget:
    from opcms_desktop.ui.welcome.guide import GuidedPathDialog

    dialog = GuidedPathDialog()
    dialog.show()
    dialog.mark_done(0)
    dialog.adjustSize()
    studio.settle(200)
    return dialog


@shot("about")
def about_dialog(studio: Studio) -> QWidget:
    from opcms_desktop.ui.help.dialogs import AboutDialog

    dialog = AboutDialog(studio.profile.describe())
    dialog.show()
    dialog.adjustSize()
    studio.settle(200)
    return dialog


@shot("crash")
def crash_dialog(studio: Studio) -> QWidget:
    from opcms_desktop.ui.help.crash import CrashDialog

    trace = (
        "Traceback (most recent call last):\n"
        '  File "opcms_desktop/ui/operations.py", line 212, in work\n'
        "    result = fn(session, actor, *args, **extra)\n"
        '  File "opcms_desktop/services/billing/run.py", line 191, in _generate\n'
        "    raise RuntimeError('the bill counter row is missing')\n"
        "RuntimeError: the bill counter row is missing"
    )
    dialog = CrashDialog(trace)
    dialog.resize(640, 400)
    dialog.show()
    studio.settle(200)
    return dialog
