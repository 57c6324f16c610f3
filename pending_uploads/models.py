import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone

KEPT_FOR = timedelta(days=1)
MAX_BYTES = 25 * 1024 * 1024  # larger uploads are not kept (the form says so)


def new_token():
    return secrets.token_urlsafe(32)


class PendingUpload(models.Model):
    """A file chosen in a form that was refused, kept until the form is saved again (or a day passes)."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.name

    @classmethod
    def forget_old(cls):
        cls.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
