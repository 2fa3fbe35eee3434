"""The long-operation contract (docs/CONTRIBUTING.md): report progress, stop when asked.

Services take keyword arguments `progress(done, total, label)` and `cancel() -> bool`; the UI runner
passes both, the CLI and tests usually neither.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import Cancelled

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


class Steps:
    """`steps(done, total, label)`: raise Cancelled if the caller asked to stop, else report progress."""

    def __init__(self, progress: Progress | None, cancel: Cancel | None, what: str):
        self.progress, self.cancel, self.what = progress, cancel, what

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled(f"The {self.what} was cancelled; nothing was written.")
        if self.progress is not None:
            self.progress(done, total, label)
