"""Tasks for the worker tests: each leaves a trace a test can read (a file: the worker may be another process)."""

import time
from pathlib import Path

from worker import task


@task()
def write_line(path, text):
    with Path(path).open("a") as handle:
        handle.write(text + "\n")
    return text


@task()
def start_then_sleep(path, seconds):
    """Writes "started", sleeps, writes "finished": a worker killed in between leaves only "started"."""
    with Path(path).open("a") as handle:
        handle.write("started\n")
    time.sleep(seconds)
    with Path(path).open("a") as handle:
        handle.write("finished\n")
