"""Texts of the profiling results: parts, flags, quadrants and reasons, from the message catalogue."""

from __future__ import annotations

from ...services.insight.health import COOPERATION_POINTS, HealthPart
from ...services.insight.profile_whatif import Scenario, scenario_label
from ...services.platform.messages import render

STATUSES = frozenset(COOPERATION_POINTS)


def part_name(part: HealthPart) -> str:
    return render(f"profiling.part.{part.key}")


def flag_text(part: HealthPart) -> str:
    """'75.0', or the flag with its reason ('已封顶：…' / '无法计算：…'): never a bare 0 or 100."""
    points = "" if part.points is None else format(part.points.normalize(), "f")
    if part.flag is None or part.why is None:
        return points
    flag = render(f"profiling.flag.{part.flag}", {"why": render(part.why)})
    return f"{points}  {flag}" if points else flag


def short_flag_text(part: HealthPart) -> str:
    """For the chart: the points and the kind of flag, without the reason."""
    points = "" if part.points is None else format(part.points.normalize(), "f")
    if part.flag is None:
        return points
    return f"{points} {render(f'profiling.flag_short.{part.flag}')}".strip()


def status_name(status: str) -> str:
    return render(f"profiling.status.{status}") if status in STATUSES else status


def quadrant_name(quadrant: str) -> str:
    return render(f"profiling.quadrant.{quadrant}")


def reason_text(code: str, params: dict) -> str:
    return render(code, params)


def scenario_name(scenario: Scenario) -> str:
    code, params = scenario_label(scenario)
    return render(code, params)
