"""django-axes' database handler and user name, made safe for values PostgreSQL cannot store."""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings

# Request details axes copies into its tables straight from the headers.
STORED = ("axes_user_agent", "axes_http_accept", "axes_path_info")
USERNAME_LENGTH = AccessAttempt._meta.get_field("username").max_length


def _storable(request):
    # PostgreSQL text cannot hold NUL. Left in, the insert fails: a 500 for the visitor and,
    # worse, a failed login that is never counted, i.e. no lockout for whoever sends one.
    for name in STORED:
        value = getattr(request, name, None)
        if isinstance(value, str) and "\x00" in value:
            setattr(request, name, value.replace("\x00", "\ufffd"))


class DatabaseHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            _storable(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        if request is not None:
            _storable(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        if request is not None:
            _storable(request)
        return super().user_logged_out(sender, request, user, **kwargs)


def client_username(request, credentials):
    """The user name axes records and keys on, cut to fit its column (AXES_USERNAME_CALLABLE).

    The admin's login form does not limit the name's length, so an over-long name would
    otherwise fail the insert the same way a NUL does.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else request.POST.get(field)
    if not isinstance(username, str):
        return username
    return username.replace("\x00", "\ufffd")[:USERNAME_LENGTH]
