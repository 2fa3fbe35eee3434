"""A synthetic customer sheet of any size with the real sheet's messiness (DOMAIN.md section 2).

    python benchmarks/generate_customer_sheet.py 100000 /tmp/customers-100k.xlsx [--seed 7]

The generator lives in opcms_desktop/services/insight/demo_sheet.py (the demo data uses it too).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from opcms_desktop.services.insight.demo_sheet import HEADERS, NA, generate, synthetic_row

__all__ = ["HEADERS", "NA", "generate", "synthetic_row"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.rows, args.out, args.seed)
    print(f"{args.out}: {args.rows} data rows in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
