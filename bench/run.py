"""`make bench`: run every bench/bench_*.py (each prints its figures and its same-run baseline).

Arguments select benchmarks by name part: `python bench/run.py ingest routing`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1:]
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not wanted or any(w in p.stem for w in wanted))
    if not scripts:
        print("no benchmark matched", file=sys.stderr)
        return 1
    failed = []
    for script in scripts:
        print(f"\n===== {script.stem} =====", flush=True)
        if subprocess.call([sys.executable, str(script)], cwd=HERE.parent) != 0:
            failed.append(script.stem)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
