"""The long-operation contract (docs/CONTRIBUTING.md): report progress, stop when asked.

Services take keyword arguments `progress(done, total, label)` and `cancel() -> bool`; the UI runner
passes both, the CLI and tests usually neither.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import Cancelled
from .messages import DEFAULT_LANGUAGE, catalogue

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


class Steps:
    """`steps(done, total, label)`: raise Cancelled if the caller asked to stop, else report progress.

    `cancelled` is the message code of that Cancelled (e.g. "billing.run_cancelled", with `params`);
    anything that is not a catalogue code (an old caller's "bill run") gives the generic error.cancelled.
    """

    def __init__(self, progress: Progress | None, cancel: Cancel | None, cancelled: str = "error.cancelled",
                 **params: Any):
        self.progress, self.cancel = progress, cancel
        self.cancelled = cancelled if cancelled in catalogue(DEFAULT_LANGUAGE) else "error.cancelled"
        self.params = params

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled(self.cancelled, **self.params)
        if self.progress is not None:
            self.progress(done, total, label)
