"""The alerts' tasks: nudges from the publishing workflow, and the confirmation email.

The nudges only make things happen at once: the worker's duties (alerts.duties) find the
same work by looking within ALERTS_SCAN_SECONDS, so a lost nudge delays, never loses.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts import fanout, messages, targets, throttle, tokens
from alerts.models import Subscription
from worker import task

logger = logging.getLogger("alerts")


@task()
def release_became_public(release_id):
    return fanout.announce(release_id)


@task()
def release_withdrawn(release_id):
    return fanout.withdraw(release_id)


@task()
def release_corrected(change_note_id):
    return fanout.announce_correction(change_note_id)


def describe(kind, target, query):
    return Subscription(
        kind=kind,
        topic=target if kind == "topic" else None,
        organization=target if kind == "organization" else None,
        person=target if kind == "person" else None,
        query=query,
    ).describe()


CONFIRMATION_TRIES = 3


@task(takes_context=True)
def send_confirmation(context, email, kind, target_pk, query, frequency, attempt=1):
    """Email the link that confirms a subscription, at most ALERTS_CONFIRMATIONS_PER_ADDRESS a day per address.

    Run by the worker, not the request: the visitor's page answers the same, as fast,
    whoever the address belongs to. Once done, the address is wiped from the task's row:
    nothing about an address is kept until it confirms."""
    if not email:
        return "wiped"  # run again after its address was wiped: it was sent already
    try:
        return _send_confirmation(email, kind, target_pk, query, frequency)
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= CONFIRMATION_TRIES:
            raise
        logger.warning("alerts: confirmation not sent (%s); trying again in %s min", error, attempt)
        later = send_confirmation.using(run_after=timezone.now() + timedelta(minutes=attempt))
        later.enqueue(email, kind, target_pk, query, frequency, attempt=attempt + 1)
        return "later"
    finally:
        DBTaskResult.objects.filter(pk=context.task_result.id).update(
            args_kwargs={"args": ["", kind, None, "", frequency], "kwargs": {}}
        )


def _send_confirmation(email, kind, target_pk, query, frequency):
    if not throttle.allow(
        "confirm-address", email.lower(), settings.ALERTS_CONFIRMATIONS_PER_ADDRESS, timedelta(days=1)
    ):
        logger.info("alerts: confirmation not sent (the address had its share today)")
        return "throttled"
    target = targets.by_pk(kind, target_pk) if kind in ("topic", "organization", "person") else None
    if kind in ("topic", "organization", "person") and target is None:
        return "gone"  # no longer public: nothing to confirm
    token = tokens.confirmation_token(email, kind, target, query, frequency)
    url = settings.SITE_URL + reverse("alerts:confirm", args=[token])
    label = Subscription.Frequency(frequency).label.lower()
    messages.confirmation(email, describe(kind, target, query), label, url).send()
    return "sent"
