"""A job that only records that it ran (which job, which process), for the worker tests."""

import os
import time

from django_tasks import task


@task()
def probe(n: int, path: str, pause: float = 0.0) -> int:
    time.sleep(pause)
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{n} {os.getpid()}\n")
    return n
