"""`opcms-desktop --self-test` on the source tree: the same run the frozen bundle does after a build."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opcms_desktop.ui.self_test import STEPS, SUMMARY_FILE, previous_month

ROOT = Path(__file__).resolve().parent.parent


def _self_test(folder: Path, *extra: str) -> tuple[int, list[str], dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "opcms_desktop.app", "--self-test", "--self-test-dir", str(folder), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    return done.returncode, lines, json.loads(lines[-1])


def test_self_test_passes_every_step_on_a_fresh_database(tmp_path):
    code, lines, summary = _self_test(tmp_path)
    assert code == 0, "\n".join(lines)
    assert summary["ok"] is True and summary["failed"] is None
    assert [s["step"] for s in summary["steps"]] == list(STEPS)
    assert [line.split()[:2] for line in lines[:-1]] == [["ok", step] for step in STEPS]
    details = {s["step"]: s["detail"] for s in summary["steps"]}
    assert details["import"] == "3 customers"
    assert details["bill_run"] == "3 bills, total 630.00"  # 10×8 + 20×12.5 + 30×10
    assert details["usage"].endswith(previous_month(dt.date.today())[0])
    # what each step left behind is real: the database, a PDF, a PNG, the backup
    assert (tmp_path / "selftest.db").stat().st_size > 0
    assert next(tmp_path.glob("INV-*.pdf")).read_bytes().startswith(b"%PDF")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert list(tmp_path.rglob("*-before-self-test.db"))
    assert json.loads((tmp_path / SUMMARY_FILE).read_text(encoding="utf-8")) == summary


@pytest.mark.parametrize("step", ["migrations", "pdf", "chart"])
def test_a_failing_step_exits_non_zero_naming_the_step_and_stops(tmp_path, step):
    code, lines, summary = _self_test(tmp_path, "--self-test-fail", step)
    assert code == 1
    assert summary["ok"] is False and summary["failed"]["step"] == step
    assert "--self-test-fail " + step in summary["failed"]["reason"]
    assert lines[-2].startswith(f"FAIL {step}")
    done = [s["step"] for s in summary["steps"]]
    assert done == list(STEPS[: STEPS.index(step)])  # the steps after the failure did not run


def test_a_real_failure_is_reported_with_its_reason(tmp_path):
    """The self-test's folder is a file: the very first step cannot create its database."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    code, lines, summary = _self_test(blocker)
    assert code == 1 and summary["steps"] == []
    assert summary["failed"]["step"] == "folder"
    assert summary["failed"]["reason"].startswith(("FileExistsError", "NotADirectoryError"))
    assert lines[0].startswith("FAIL folder")
