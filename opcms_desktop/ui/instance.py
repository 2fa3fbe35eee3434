"""A named mutex held while the desktop client runs (Windows), so that the installer can refuse to
upgrade or uninstall a running copy (installer/opcms.nsi checks the same name with OpenMutex).

The mutex only announces "running"; it does not stop a second copy from starting (two windows on one
database are allowed, the database arbitrates). Elsewhere than Windows it does nothing.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

MUTEX_NAME = "OPCMS_Desktop_Running"  # keep in step with RUNNING_MUTEX in installer/opcms.nsi

log = logging.getLogger(__name__)


def hold_instance_mutex() -> Any:
    """The mutex handle (keep a reference until the app exits; Windows releases it with the process),
    or None when not on Windows or when it cannot be created."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateMutexW.restype = ctypes.c_void_p
        handle = kernel32.CreateMutexW(None, False, MUTEX_NAME)
        return handle or None
    except (OSError, AttributeError) as error:
        log.warning("could not create the running-instance mutex: %s", error)
        return None
