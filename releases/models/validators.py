"""Validators shared by the models: web addresses, and slugs that must not look like a year."""

from django.core.validators import RegexValidator, URLValidator

http_url = URLValidator(schemes=["http", "https"], message="Enter a web address starting with http:// or https://.")
not_a_year = RegexValidator(
    r"^\d{4}$",
    inverse_match=True,
    message="A slug of four digits would collide with the year archives (/releases/2015/). Add a word.",
)
