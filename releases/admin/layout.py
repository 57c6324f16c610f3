"""The release form's layout: fieldsets and inlines in the order a release is written (headline,
deck, dateline, body and its quotes, signatories, resources and media, then publishing), fields
that do not apply yet left out, the state and the next steps, and every error listed at the top."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from releases import publishing, times
from releases.models import Release

RELEASE, LANGUAGES, PASTE, IMAGE, LISTING, SOURCE, PUBLISHING, OPENINGS, THIS_EDIT = (
    "Release",
    "Language and translations",
    "Signatories from a list",
    "Image",
    "Listing",
    "Source and archive",
    "Publishing",
    "Who opened the shared links",
    "This edit",
)
# (kind, name): fieldsets by name, inlines by formset prefix; inlines not named here come last.
ORDER = [
    ("fieldset", RELEASE),
    ("fieldset", LANGUAGES),
    ("inline", "quotes"),
    ("inline", "signatories"),
    ("fieldset", PASTE),
    ("inline", "resources"),
    ("fieldset", IMAGE),
    ("inline", "assets"),
    ("inline", "release_contacts"),
    ("fieldset", LISTING),
    ("fieldset", SOURCE),
    ("inline", "change_notes"),
    ("fieldset", PUBLISHING),
    # Sharing belongs with publishing: who has it before its time, and who opened it.
    ("inline", "embargo_recipients"),
    ("inline", "preview_links"),
    ("fieldset", OPENINGS),
    ("fieldset", THIS_EDIT),
]


def fieldsets(obj, *, editable, can_publish, shared=False):
    state = obj.state if obj is not None else Release.State.DRAFT
    publishing_fields = ["state_now"]
    if can_publish or (obj is not None and obj.publish_at):
        publishing_fields.append("publish_at")
    if obj is not None and obj.was_first_published():  # readers saw it, or it was published elsewhere first
        publishing_fields.append("first_published_at")
    if obj is not None and obj.updated_at:
        publishing_fields.append("updated_at_shown")
    if state == Release.State.WITHDRAWN:
        publishing_fields += ["withdrawal_reason", "withdrawn_at_shown"]
    result = [
        (RELEASE, {"fields": ("title", "slug", "subtitle", "dateline", "issuer", "body")}),
        (
            LANGUAGES,
            {
                "fields": ("language", "translation_of"),
                "description": "Translations of one release are a family: each has its own address, title, text "
                "and quotes; the issuer, topics, signatories, contacts and press kit are entered on the original "
                "and copied to each translation.",
            },
        ),
        (
            PASTE,
            {
                "fields": ("paste_signatories", "unnamed_signatory_count")
                if editable
                else ("unnamed_signatory_count",),
            },
        ),
        (IMAGE, {"fields": ("featured_image", "featured_image_alt", "featured_image_credit")}),
        (LISTING, {"fields": ("summary", "topics", "featured")}),
        (SOURCE, {"fields": ("source_url", "archive_note", "created_at", "modified_at"), "classes": ("collapse",)}),
        (
            PUBLISHING,
            {
                "fields": publishing_fields,
                "description": None if can_publish else "An editor publishes, schedules or withdraws.",
            },
        ),
    ]
    if shared:
        result.append((OPENINGS, {"fields": ("link_openings",), "classes": ("openings",)}))
    if editable and state == Release.State.PUBLISHED:
        result.append(
            (
                THIS_EDIT,
                {
                    "fields": ("edit_kind", "change_note"),
                    "description": "Readers can see this release. Say what kind of edit you are making.",
                },
            )
        )
    return result


def state_badge(obj):
    """The state as a badge, with what it means now ("Scheduled · goes live by itself at 29 Nov 2026, 12:17 EST")."""
    state = obj.state if obj is not None and obj.pk else Release.State.DRAFT
    detail = ""
    if state == Release.State.SCHEDULED:
        detail = f"goes live by itself at {times.newsroom_time(obj.publish_at)}"
    elif state == Release.State.PUBLISHED:
        detail = f"since {times.newsroom_time(obj.first_published_at or obj.publish_at)}"
    elif state == Release.State.REVIEW and obj.submitted_at:
        who = obj.submitted_by.get_username() if obj.submitted_by else "a writer"
        detail = f"submitted by {who}, {times.newsroom_time(obj.submitted_at)}"
    elif state == Release.State.WITHDRAWN and obj.withdrawn_at:
        detail = f"since {times.newsroom_time(obj.withdrawn_at)}"
    badge = format_html('<span class="state-badge state-{}">{}</span>', state, Release.State(state).label)
    return format_html("{} {}", badge, detail) if detail else badge


def openings_table(openings):
    """The log of requests at a release's preview links, as a table (newest first)."""
    openings = list(openings)
    if not openings:
        return "Nobody has opened them yet."
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                times.newsroom_time(o.opened_at),
                str(o.link),
                o.client_ip or "—",
                o.get_outcome_display(),
                Truncator(o.user_agent).chars(60) or "—",
            )
            for o in openings
        ),
    )
    return format_html(
        '<table class="link-openings"><caption>The latest {} requests, newest first</caption>'
        '<thead><tr><th scope="col">When</th><th scope="col">Link (who)</th>'
        '<th scope="col">Address</th><th scope="col">What they got</th><th scope="col">Browser</th></tr>'
        "</thead><tbody>{}</tbody></table>",
        len(openings),
        rows,
    )


def _ordered(context):
    fieldsets = {fieldset.name: fieldset for fieldset in context["adminform"]}
    inlines = {inline.formset.prefix: inline for inline in context["inline_admin_formsets"]}
    parts, used = [], set()
    for kind, name in ORDER:
        found = fieldsets.get(name) if kind == "fieldset" else inlines.get(name)
        if found is not None:
            parts.append((kind, found))
            used.add((kind, name))
    parts += [("fieldset", f) for n, f in fieldsets.items() if ("fieldset", n) not in used]
    parts += [("inline", i) for p, i in inlines.items() if ("inline", p) not in used]
    return parts


def error_summary(context):
    """Every error of the form and its inlines, each with the id of the field to jump to."""
    items = []
    form = context["adminform"].form
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            items += [("release_form", "The release", error) for error in errors]
            continue
        label = form.fields[name].label or name.replace("_", " ").capitalize()
        items += [(form[name].id_for_label, label, error) for error in errors]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        kind = str(formset.model._meta.verbose_name).capitalize()
        for index, row in enumerate(formset.forms):
            for name, errors in row.errors.items():
                anchor = row[name].id_for_label if name in row.fields else f"{formset.prefix}-{index}"
                label = row.fields[name].label if name in row.fields else ""
                where = f"{kind} {index + 1}" + (f", {label}" if label else "")
                items += [(anchor, where, error) for error in errors]
        items += [(f"{formset.prefix}-group", kind, error) for error in formset.non_form_errors()]
    return items


def context(context, obj, can_publish, editable):
    """What the release's change_form.html draws besides Django's own: the parts in order, the error
    summary, the state, the next steps and the withdrawal page."""
    state = obj.state if obj is not None else Release.State.DRAFT
    steps = publishing.next_steps(state, can_publish) if editable else []
    withdraw_url = (
        reverse("admin:releases_release_withdraw", args=[obj.pk])
        if obj is not None and can_publish and state in Release.WITHDRAWABLE
        else None
    )
    return {
        "parts": _ordered(context),
        "error_summary": error_summary(context) if context.get("errors") else [],
        "release_state": state_badge(obj),
        "workflow_steps": [(step, publishing.STEP_LABELS[step]) for step in steps],
        "save_label": "Save draft" if state == Release.State.DRAFT else "Save",
        "withdraw_url": withdraw_url,
        "newsroom_zone": times.zone_label(),
    }
