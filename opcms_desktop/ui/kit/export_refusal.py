"""Export buttons and the approval gate: a refusal that needs a request is not the screen's to show.

The runner presents it (ui/security/access_prompts.py: the catalogue's message and an offer to file the
request); a screen's own failure callback for an export is wrapped so that it lets such refusals through.
"""

from __future__ import annotations

from collections.abc import Callable

from ...services.security import export_approval
from ..failure import Failure


def unless_export_request(handler: Callable[[Failure], bool | None]) -> Callable[[Failure], bool | None]:
    """An export's own failure callback, except for refusals that need a request: those go on to the
    runner's offer to file one (`offer_export_request`)."""

    def callback(failure: Failure) -> bool | None:
        if getattr(failure.error, "code", None) in export_approval.NEEDS_REQUEST:
            return False
        return handler(failure)

    return callback
