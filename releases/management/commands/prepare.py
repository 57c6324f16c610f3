import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make the site ready to serve: compile the interface's translations, migrate, collect static files, "
        "load the demo "
        "content into an empty archive and, on the embedded database, create a local admin once."
    )

    def handle(self, *args, **options):
        from pressroom import catalogs

        catalogs.compile_all()  # locale/*/LC_MESSAGES/django.po -> .mo, without GNU gettext
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.load_demo_content()
        if settings.EMBEDDED_DATABASE:
            self.create_local_admin()

    def load_demo_content(self):
        from releases.models import Release

        if not Release.objects.exists():
            call_command("load_demo", verbosity=1)

    def create_local_admin(self):
        User = get_user_model()
        if User.objects.exists():
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser("admin", "admin@localhost", password)
        from django.contrib.auth.models import Group

        user.groups.add(*Group.objects.filter(name__in=["Editor"]))
        path = f"/{settings.ADMIN_PATH}/"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nCreated a local admin account (shown only this once):\n"
                f"  user name: admin\n  password:  {password}\n  log in at {settings.SITE_URL}{path}\n"
            )
        )
