"""The background worker: django-tasks' database queue, plus the periodic duties apps register.

One process (`manage.py run_worker`, started by `make run` beside gunicorn; one per
host in production) claims queued tasks with `SELECT … FOR UPDATE SKIP LOCKED`,
runs the duties that are due between them, writes a heartbeat, and puts back the
tasks of workers that died (django-tasks-db alone would leave them RUNNING forever).

Run something in the background from any app (Django 6 ships the same API as
`django.tasks`; this import is the one place to change then):

    from worker import task

    @task()
    def regenerate_export(kind):        # arguments and result must be JSON
        ...

    regenerate_export.enqueue("releases")   # inside a transaction: queued only if it commits

A task may run again if its worker dies in the middle (up to TASK_MAX_ATTEMPTS
times), so write it to be safe to repeat. Work that must happen exactly once keeps
its own record (alerts: an outbox row per subscriber and release) and uses the
task only as a nudge.

A duty is a function the worker calls every few seconds (worker.duties.register)
for work found by looking rather than by being told: a scheduled release whose
time has come, a digest that is due, rows whose worker died.
"""

from django_tasks import task

__all__ = ["task"]
