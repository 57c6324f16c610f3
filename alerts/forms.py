"""The subscribe form: an address, how often, and what to follow (from the page it was on)."""

from django import forms

from alerts import targets
from alerts.models import Subscription

FOLLOWABLE = ("topic", "organization", "person")
# One plain address: no display name, no quoted or commented parts, nothing that could end a header.
NOT_IN_AN_ADDRESS = set('"\\<>,;:()[] \t\r\n')


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        required=False,
    )
    kind = forms.ChoiceField(choices=Subscription.Kind.choices, initial="all", widget=forms.HiddenInput)
    target = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    q = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)

    followed = None  # the Topic, Organization or Person, once valid
    query = search_text = ""

    def clean_email(self):
        address = self.cleaned_data["email"].strip()
        if NOT_IN_AN_ADDRESS & set(address) or not address.isprintable() or address.count("@") != 1:
            raise forms.ValidationError("Enter one email address, like name@example.org.")
        local, domain = address.split("@")
        return f"{local}@{domain.lower()}"

    def clean_frequency(self):
        return self.cleaned_data["frequency"] or Subscription.Frequency.IMMEDIATE

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in FOLLOWABLE:
            self.followed = targets.by_slug(kind, data.get("target", ""))
            if self.followed is None:
                raise forms.ValidationError("There is nothing by that name to follow. Try the page you came from.")
        elif kind == Subscription.Kind.SEARCH:
            saved = targets.saved_search(data.get("q", ""))
            if saved is None:
                raise forms.ValidationError("Type some words to search for before saving the search.")
            self.query, self.search_text = saved
        return data

    def describe(self):
        data = self.cleaned_data
        return Subscription(
            kind=data["kind"],
            topic=self.followed if data["kind"] == "topic" else None,
            organization=self.followed if data["kind"] == "organization" else None,
            person=self.followed if data["kind"] == "person" else None,
            query=self.query,
        ).describe()


class ChoiceOfFrequency(forms.Form):
    frequency = forms.ChoiceField(choices=Subscription.Frequency.choices)
