"""Chinese wording for the customer field problems the service reports (its messages are English)."""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), t) for p, t in (
    (r"^is required$", "必填"),
    (r"^must be text$", "必须是文字"),
    (r"^must be at most (\d+) characters$", r"最多 \1 个字符"),
    (r"^must be a half-year like 2025-H1 or empty$", "应为半年，如 2025-H1（上半年）或 2025-H2（下半年），或留空"),
    (r"^must be one of (.+) or empty$", r"只能是 \1 之一，或留空"),
    (r"^must be yes, no or empty$", "只能是“是”“否”或留空"),
    (r"^must be a number$", "必须是数字"),
    (r"^must be a number of at least 0$", "必须是不小于 0 的数字"),
    (r"^must be a whole number of days$", "必须是整数天数"),
    (r"^must be between 0 and 365 days$", "必须在 0 到 365 天之间"),
    (r"^must be a list of user ids$", "人员选择有误"),
    (r"^there is no user with id (.+)$", r"不存在 id 为 \1 的人员"),
    (r"^user (.+) is disabled$", r"人员 \1 已停用，请选择其他人员"),
    (r"^must be an entry id$", "选项无效"),
    (r"^is not a \w+ entry$", "不是有效的选项"),
    (r"^(.+) is no longer in use$", r"“\1”已停用，请选择其他选项"),
    (r"^cannot be edited$", "不能修改"),
))


def problem_text(message: str) -> str:
    """The Chinese text of a known field problem; anything else as the service wrote it."""
    for pattern, text in _PATTERNS:
        if pattern.match(message):
            return pattern.sub(text, message)
    return message
