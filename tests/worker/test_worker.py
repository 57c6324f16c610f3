"""The background worker: tasks run once committed, duties run between them, a dead worker's task runs again."""

import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.servers import BASE_DIR, child_database_url, project_env, wait_until
from tests.worker.tasks import start_then_sleep, write_line
from worker import duties, reaper
from worker.models import WorkerProcess
from worker.runner import Worker, drain

pytestmark = pytest.mark.django_db


def test_a_task_runs_once_and_records_its_result(tmp_path):
    trace = tmp_path / "trace"
    result = write_line.enqueue(str(trace), "hello")
    drain()
    drain()
    assert trace.read_text() == "hello\n"
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == "hello"


def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs(tmp_path):
    trace = tmp_path / "trace"
    with transaction.atomic():
        write_line.enqueue(str(trace), "never")
        transaction.set_rollback(True)
    drain()
    assert not trace.exists()
    assert not DBTaskResult.objects.exists()


def test_duties_run_between_tasks_and_a_failing_duty_does_not_stop_the_others(tmp_path, monkeypatch):
    calls = []

    def busy_three_times(worker):
        calls.append("busy")
        return calls.count("busy") < 3

    def broken(worker):
        calls.append("broken")
        raise RuntimeError("a duty that fails")

    monkeypatch.setattr(duties, "_duties", [])
    duties.register("broken", broken, every=60)
    duties.register("busy", busy_three_times, every=60)
    worker = Worker(interval=0)
    for _ in range(5):
        worker.run_duties()
    assert calls.count("busy") == 3  # called again at once while it had more to do, then not for 60 s
    assert calls.count("broken") == 1  # a failure waits for the interval too
    write_line.enqueue(str(tmp_path / "trace"), "task")
    assert worker.run_tasks() is True
    assert (tmp_path / "trace").read_text() == "task\n"
    worker.run_duties()
    assert calls.count("broken") == 2  # a task ran: every duty is due at once


def orphan(task_result, worker_id="gone-host-1-abc"):
    DBTaskResult.objects.filter(pk=task_result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=[worker_id]
    )


def test_the_reaper_queues_again_a_task_whose_worker_died(tmp_path):
    trace = tmp_path / "trace"
    result = write_line.enqueue(str(trace), "second try")
    orphan(result)
    WorkerProcess.objects.create(
        pk="gone-host-1-abc", hostname="gone", pid=1, started_at=timezone.now(), seen_at=timezone.now()
    )
    reaper.requeue_orphaned_tasks()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING  # its worker is alive
    WorkerProcess.objects.update(seen_at=timezone.now() - timedelta(minutes=5))
    drain()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert trace.read_text() == "second try\n"


def test_a_task_whose_worker_dies_every_time_fails_after_the_last_attempt(settings):
    result = write_line.enqueue("/nonexistent/never", "x")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[f"dead-{n}" for n in range(settings.TASK_MAX_ATTEMPTS)]
    )
    reaper.requeue_orphaned_tasks()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "worker.reaper.WorkerDied"


def test_old_finished_tasks_are_pruned(settings, tmp_path):
    done = write_line.enqueue(str(tmp_path / "t"), "done")
    drain()
    reaper.prune()
    assert DBTaskResult.objects.filter(pk=done.id).exists()
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=settings.TASKS_KEEP_DAYS + 1))
    reaper.prune()
    assert not DBTaskResult.objects.exists()


def test_drain_leaves_no_heartbeat_behind():
    worker = drain()
    assert isinstance(worker, Worker)
    assert not WorkerProcess.objects.exists()


def worker_process(database_url, **env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1"],
        cwd=BASE_DIR,
        env=project_env(
            DATABASE_URL=database_url,
            SECRET_KEY="worker-test-" + "x" * 40,
            WORKER_HEARTBEAT_SECONDS="0.5",
            WORKER_DEAD_AFTER="2",
            **env,
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_task_is_replaced_and_the_task_runs_again(tmp_path):
    """kill -9 in the middle of a task: django-tasks-db alone leaves it RUNNING forever;
    the next worker sees the first one's heartbeat stop and runs the task again."""
    trace = tmp_path / "trace"
    result = start_then_sleep.enqueue(str(trace), 1.5)
    url = child_database_url()
    first = worker_process(url)
    try:
        assert wait_until(lambda: trace.exists(), timeout=30), first.stdout.read1().decode()
        assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        assert trace.read_text() == "started\n"
    finally:
        stop(first)
    second = worker_process(url)
    try:
        assert wait_until(
            lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL, timeout=30
        )
        assert trace.read_text() == "started\nstarted\nfinished\n"
        row = DBTaskResult.objects.get(pk=result.id)
        assert len(row.worker_ids) == 2 and row.worker_ids[0] != row.worker_ids[1]
        # SIGTERM: it stops cleanly and takes its heartbeat with it.
        os.killpg(second.pid, signal.SIGTERM)
        assert second.wait(15) == 0
        assert not WorkerProcess.objects.filter(pk=row.worker_ids[1]).exists()
    finally:
        stop(second)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_procfile_starts_gunicorn_and_the_worker_together_and_stops_both(tmp_path):
    """What `make run` does after its set-up: honcho runs the Procfile; one SIGTERM stops both."""
    from cluster.base import free_port
    from tests.servers import fetch

    port = free_port()
    venv_bin = os.path.dirname(sys.executable)
    env = project_env(
        DATABASE_URL=child_database_url(),
        SECRET_KEY="procfile-test-" + "x" * 40,
        WEB_CONCURRENCY="1",
        PATH=f"{venv_bin}:{os.environ['PATH']}",
    )
    log = (tmp_path / "honcho.log").open("w+b")
    honcho = subprocess.Popen(
        [os.path.join(venv_bin, "honcho"), "start", "--no-colour", "--port", str(port)],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:

        def healthy():
            try:
                return fetch(f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200
            except OSError:
                return False

        assert wait_until(healthy, timeout=60), (tmp_path / "honcho.log").read_text()[-3000:]
        assert wait_until(lambda: WorkerProcess.objects.live().exists(), timeout=30)
        trace = tmp_path / "trace"
        write_line.enqueue(str(trace), "from the web's worker")
        assert wait_until(trace.exists, timeout=30)
        os.killpg(honcho.pid, signal.SIGTERM)
        honcho.wait(30)
        assert wait_until(lambda: not WorkerProcess.objects.exists(), timeout=10)
        assert not healthy()
    finally:
        if honcho.poll() is None:
            os.killpg(honcho.pid, signal.SIGKILL)
            honcho.wait(10)
        log.close()
