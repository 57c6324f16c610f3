"""The admin's "New release from text": paste (plain or rich) or upload a release, review what each
part became beside the text as written, correct anything, and save a draft.

Nothing is written before that save: the review screen only reads the archive to mark each person
and organization *matched* (an existing record) or *new*. The save (releases.importers.drafts)
creates the draft, its parts and any new records in one transaction; a refused review keeps
everything typed, the text as written included.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from releases.admin.import_forms import (
    AboutFormSet,
    PasteForm,
    QuoteFormSet,
    ResourceFormSet,
    ReviewForm,
    kept,
)
from releases.importers import drafts, matching
from releases.models import ReleaseFromText


@admin.register(ReleaseFromText)
class ReleaseFromTextAdmin(admin.ModelAdmin):
    """Only a door into the import screens: it lists nothing and edits nothing itself."""

    def has_add_permission(self, request):
        return request.user.has_perm("releases.add_release")

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(self.import_view)
        return [
            path("", view, name="{}_{}_changelist".format(*info)),
            path("add/", view, name="{}_{}_add".format(*info)),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise admin.sites.PermissionDenied
        if request.method == "POST" and request.POST.get("step") == "review":
            return self.review(request)
        form = PasteForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            return self.render_review(request, *review_forms_for(form.parsed))
        return self.render(
            request, "admin/releases/import/paste.html", {"form": form, "title": "New release from text"}
        )

    def review(self, request):
        form = ReviewForm(request.POST)
        quotes = QuoteFormSet(request.POST, prefix="quotes")
        resources = ResourceFormSet(request.POST, prefix="resources")
        abouts = AboutFormSet(request.POST, prefix="abouts")
        if all(f.is_valid() for f in (form, quotes, resources, abouts)):
            try:
                saved = drafts.save_draft(draft_from_review(form, quotes, resources, abouts))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                release = saved.release
                made = f"; new: {', '.join(str(r) for r in saved.created)}" if saved.created else ""
                messages.success(request, f"Draft “{release.title}” saved from the text{made}.")
                for note in saved.notes:
                    messages.warning(request, note)
                return redirect(reverse("admin:releases_release_change", args=[release.pk]))
        return self.render_review(request, form, quotes, resources, abouts)

    def render_review(self, request, form, quotes, resources, abouts):
        context = {
            "form": form,
            "quotes": quotes,
            "resources": resources,
            "abouts": abouts,
            "title": "Review the release",
            "original": form["original"].value() or "",
            "badges": badges(form, quotes, abouts),
            "unsure": getattr(form, "unsure", []),
        }
        return self.render(request, "admin/releases/import/review.html", context)

    def render(self, request, template, context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        return TemplateResponse(request, template, context)


def review_forms_for(parsed):
    """Unbound review forms holding what the parser found, and the text as written."""
    draft = drafts.draft_from_parse(parsed)
    form = ReviewForm(
        initial={
            "title": draft.title,
            "subtitle": draft.subtitle,
            "dateline": draft.dateline,
            "date": draft.date,
            "issuer": draft.issuer,
            "body": draft.body,
            "signatories": "\n".join(draft.signatories),
            "individual_signatories": "\n".join(
                ", ".join(p for p in (i["name"], i.get("affiliation")) if p) for i in draft.individual_signatories
            ),
            "unnamed_signatory_count": draft.unnamed_signatory_count,
            "media_contact": draft.media_contact,
            "source_url": draft.source_url,
            "original": parsed.original_text,
        }
    )
    form.unsure = parsed.unsure
    quotes = QuoteFormSet(initial=draft.quotes, prefix="quotes")
    resources = ResourceFormSet(initial=draft.resources, prefix="resources")
    abouts = AboutFormSet(initial=draft.boilerplates, prefix="abouts")
    return form, quotes, resources, abouts


def draft_from_review(form, quotes, resources, abouts):
    data = form.cleaned_data
    people = []
    for line in form.lines("individual_signatories"):
        name, _, affiliation = line.partition(",")
        people.append({"name": name.strip(), "affiliation": affiliation.strip() or None})
    return drafts.Draft(
        title=data["title"],
        issuer=data["issuer"],
        subtitle=data["subtitle"],
        dateline=data["dateline"],
        date=data["date"],
        body=data["body"],
        quotes=kept(quotes),
        signatories=form.lines("signatories"),
        individual_signatories=people,
        unnamed_signatory_count=data["unnamed_signatory_count"] or 0,
        resources=kept(resources),
        boilerplates=kept(abouts),
        media_contact=data["media_contact"],
        source_url=data["source_url"],
    )


def _value(bound_field):
    return (bound_field.value() or "").strip()


def badges(form, quotes, abouts):
    """Each name on the review screen marked "matched" (an existing record) or "new", beside its form."""
    signatories = [line.strip() for line in (form["signatories"].value() or "").splitlines() if line.strip()]
    orgs = [_value(form["issuer"]), *signatories]
    orgs += [_value(f["organization"]) for f in quotes.forms] + [_value(f["organization"]) for f in abouts.forms]
    found_orgs = matching.organizations([o for o in orgs if o])
    found_people = matching.people([_value(f["speaker"]) for f in quotes.forms if _value(f["speaker"])])

    def org(name):
        return found_orgs[name].status if name in found_orgs else ""

    def person(name):
        return found_people[name].status if name in found_people else ""

    return {
        "issuer": org(_value(form["issuer"])),
        "signatories": [(name, org(name)) for name in signatories],
        "quotes": [(f, person(_value(f["speaker"])), org(_value(f["organization"]))) for f in quotes.forms],
        "abouts": [(f, org(_value(f["organization"]))) for f in abouts.forms],
    }


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
