from django.apps import AppConfig


class LockoutConfig(AppConfig):
    name = "lockout"
    verbose_name = "Login lockout"
