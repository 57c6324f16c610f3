"""The alerts' public pages: subscribe, confirm, manage (and export or delete), unsubscribe.

None of them is stored by the page cache (never_cache): they carry personal links.
"""

import json
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import subscribing, targets, tasks, throttle, tokens
from alerts.forms import FOLLOWABLE, ChoiceOfFrequency, SubscribeForm
from alerts.models import Subscriber, Subscription
from lockout.client_ip import client_ip

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _subscriber(token):
    if not TOKEN.match(token):
        raise Http404
    return get_object_or_404(Subscriber, token=token)


def _initial(params):
    """The form for the page a visitor came from: ?topic=, ?organization=, ?person=, ?q= (a search)."""
    for kind in FOLLOWABLE:
        if params.get(kind):
            return {"kind": kind, "target": params[kind]}
    if params.get("q"):
        return {"kind": Subscription.Kind.SEARCH, "q": params["q"]}
    return {"kind": Subscription.Kind.EVERYTHING}


# Without a CSRF token on purpose: the form sits in cached public pages, and a forged
# request can only make the worker email a confirmation link to the address it names,
# which the per-address limit caps and nothing follows unless that address confirms.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """GET: the form for what the page followed; POST: queue the confirmation email and answer
    the same page, as fast, whoever the address belongs to."""
    if request.method != "POST":
        form = SubscribeForm(initial=_initial(request.GET))
        followed = _describe_initial(form)
        return render(request, "alerts/subscribe.html", {"form": form, "follows": followed})
    if not throttle.allow(
        "subscribe-client", client_ip(request) or "unknown", settings.ALERTS_SUBSCRIBE_PER_CLIENT, timedelta(hours=1)
    ):
        form = SubscribeForm(initial={k: v for k, v in request.POST.items() if k in SubscribeForm.base_fields})
        return render(request, "alerts/subscribe.html", {"form": form, "throttled": True}, status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form, "follows": _describe_initial(form)}, status=400)
    data = form.cleaned_data
    tasks.send_confirmation.enqueue(
        data["email"], data["kind"], form.followed.pk if form.followed else None, form.query, data["frequency"]
    )
    return render(
        request,
        "alerts/check_inbox.html",
        {"email": data["email"], "follows": form.describe(), "days": settings.ALERTS_CONFIRM_DAYS},
    )


def _describe_initial(form):
    """What the form's page follows, in words, or "" when it is nothing that can be followed."""
    values = form.data if form.is_bound else form.initial
    kind = values.get("kind")
    if kind in FOLLOWABLE:
        followed = targets.by_slug(kind, values.get("target", ""))
        return Subscription(kind=kind, **{kind: followed}).describe() if followed else ""
    if kind == Subscription.Kind.SEARCH:
        saved = targets.saved_search(values.get("q", ""))
        return Subscription(kind=kind, query=saved[0]).describe() if saved else ""
    return Subscription(kind=Subscription.Kind.EVERYTHING).describe()


def _confirmation(token):
    """(email, kind, target, query, search_text, frequency) from a confirmation link, or raise BadLink."""
    data = tokens.read_confirmation(token)
    email, kind, target_pk, query, frequency = data["e"], data["k"], data["t"], data["q"], data["f"]
    try:
        validate_email(email)
    except (ValidationError, TypeError):
        raise tokens.BadLink("altered") from None
    if kind not in Subscription.Kind.values or frequency not in Subscription.Frequency.values:
        raise tokens.BadLink("altered")
    target, search_text = None, ""
    if kind in FOLLOWABLE:
        target = targets.by_pk(kind, target_pk)
        if target is None:
            raise tokens.BadLink("gone")
    elif kind == Subscription.Kind.SEARCH:
        saved = targets.saved_search(query if isinstance(query, str) else "")
        if saved is None:
            raise tokens.BadLink("altered")
        query, search_text = saved
    return email, kind, target, query, search_text, frequency


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET: what the link confirms, and one button (a mail scanner opening the link confirms
    nothing); POST: confirmed, then the subscriber's page."""
    try:
        email, kind, target, query, search_text, frequency = _confirmation(token)
    except tokens.BadLink as problem:
        return render(request, "alerts/link_invalid.html", {"problem": str(problem)}, status=400)
    if request.method == "POST":
        subscriber, subscription = subscribing.confirm(email, kind, target, query, search_text, frequency)
        return redirect(f"{subscriber_url(subscriber)}?confirmed={subscription.pk}")
    described = Subscription(kind=kind, query=query, **({kind: target} if target else {})).describe()
    return render(
        request,
        "alerts/confirm.html",
        {"email": email, "follows": described, "frequency": Subscription.Frequency(frequency).label},
    )


def subscriber_url(subscriber):
    from django.urls import reverse

    return reverse("alerts:manage", args=[subscriber.token])


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """A subscriber's page (the link in every email): what they follow, how often; remove one,
    stop all, download or delete their data. Actions are POSTs, then back here."""
    subscriber = _subscriber(token)
    if request.method == "POST":
        action = request.POST.get("action", "")
        pk = request.POST.get("subscription", "")
        pk = int(pk) if pk.isdigit() and len(pk) < 12 else None
        if action == "remove" and pk:
            subscribing.remove(subscriber, pk)
        elif action == "frequency" and pk:
            choice = ChoiceOfFrequency(request.POST)
            if choice.is_valid():
                subscribing.set_frequency(subscriber, pk, choice.cleaned_data["frequency"])
        elif action == "updates":
            subscribing.set_updates(subscriber, request.POST.get("wanted") == "yes")
        elif action == "stop":
            subscribing.stop_all(subscriber)
        elif action == "delete":
            subscribing.delete_all(subscriber)
            return render(request, "alerts/deleted.html")
        else:
            return render(request, "alerts/manage.html", _manage_context(subscriber, unknown_action=True), status=400)
        return redirect(subscriber_url(subscriber))
    context = _manage_context(subscriber)
    confirmed = request.GET.get("confirmed", "")
    if confirmed.isdigit() and len(confirmed) < 12:
        context["confirmed"] = subscriber.subscriptions.filter(pk=int(confirmed)).first()
    return render(request, "alerts/manage.html", context)


def _manage_context(subscriber, **extra):
    subscriptions = subscriber.subscriptions.select_related("topic", "organization", "person").order_by("pk")
    return {"subscriber": subscriber, "subscriptions": subscriptions, "frequencies": Subscription.Frequency, **extra}


@never_cache
@require_http_methods(["GET", "HEAD"])
def export(request, token):
    """Everything kept about the subscriber, as a JSON file."""
    subscriber = _subscriber(token)
    response = HttpResponse(
        json.dumps(subscribing.export(subscriber), indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="email-alerts-data.json"'
    return response


# RFC 8058 one-click: mail programs POST "List-Unsubscribe=One-Click" here without any
# cookie or token of ours, so no CSRF check; the personal token in the URL is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """POST (the mail program's one click, or the page's button): unsubscribed from every alert.
    GET shows that one button: a link opened by a mail scanner must not unsubscribe."""
    subscriber = _subscriber(token)
    if request.method == "POST":
        subscribing.stop_all(subscriber)
        return render(request, "alerts/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "alerts/unsubscribe.html", {"subscriber": subscriber})
