"""The team's real customer sheet lives in shared/ beside the repository (CI clones it the same way)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL_SHEET = next(
    (p for p in (REPO.parent / "shared" / "data" / "customers-2025-12.xlsx",
                 Path("/work/shared/data/customers-2025-12.xlsx")) if p.exists()),
    REPO.parent / "shared" / "data" / "customers-2025-12.xlsx",
)
