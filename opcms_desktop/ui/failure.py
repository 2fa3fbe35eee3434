"""What a failed operation hands to the UI: the error and its traceback (for the details of the message box).

Its own module so the runner (`operations`) and the error translator (`errors`) both use it without
importing each other in a circle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    error: BaseException
    traceback: str
