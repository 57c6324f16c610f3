"""django-axes' database handler, made safe for headers PostgreSQL cannot store."""

from axes.handlers.database import AxesDatabaseHandler

# Request details axes copies into its tables straight from the headers.
STORED = ("axes_user_agent", "axes_http_accept", "axes_path_info")


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
