"""Run the whole suite on SQLite, then again on PostgreSQL when JINCUN_TEST_DATABASE_URL is set.

pytest's exit code 5 (no tests collected) is a failure here: a suite that runs nothing must not pass.
Extra arguments go to pytest (e.g. `scripts/run_tests.py -k coverage`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile


def run(label: str, env: dict[str, str], args: list[str]) -> int:
    print(f"\n===== test suite on {label} =====", flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", *args], env=env)
    if code == 5:
        print(f"no tests were collected on {label}: failing the run", file=sys.stderr)
        return 1
    return code


def main() -> int:
    args = sys.argv[1:] or ["-q"]
    base = dict(os.environ)
    base.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory(prefix="jincun-test-") as data_dir:
        base["JINCUN_DATA_DIR"] = data_dir
        code = run("SQLite", base, args)
        pg_url = os.environ.get("JINCUN_TEST_DATABASE_URL")
        if pg_url:
            code = run("PostgreSQL", {**base, "DATABASE_URL": pg_url}, args) or code
        else:
            print("\nJINCUN_TEST_DATABASE_URL not set: PostgreSQL run skipped", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
