from django.apps import AppConfig


class PendingUploadsConfig(AppConfig):
    name = "pending_uploads"
    verbose_name = "Uploads kept across a refused form"
    default_auto_field = "django.db.models.BigAutoField"
