"""Email transport settings from the environment (no Django imports: settings.py reads it).

One variable, `EMAIL_URL`, or Django's usual ones (`EMAIL_HOST`, `EMAIL_PORT`,
`EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS`, `EMAIL_USE_SSL`);
`EMAIL_BACKEND` names any other backend (django-anymail's, for a provider's API).
With none of them, messages are written one `.eml` file each to `var/mail/`.

    smtp://user:password@mail.example.org:25     plain SMTP (add ?tls=true for STARTTLS)
    submission://user:password@smtp.example.org  STARTTLS, port 587 by default (also smtp+tls://)
    smtps://user:password@smtp.example.org       TLS from the start, port 465 by default (also smtp+ssl://)
    file:///srv/pressroom/mail                   .eml files in that folder
    console://                                   printed on standard output
"""

from urllib.parse import parse_qs, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"
EML_FILES = "pressroom.mail.EmlFileBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"

# scheme: (default port, STARTTLS, implicit TLS)
SMTP_SCHEMES = {
    "smtp": (25, False, False),
    "submission": (587, True, False),
    "smtp+tls": (587, True, False),
    "smtps": (465, False, True),
    "smtp+ssl": (465, False, True),
}
TRUE = {"1", "true", "yes", "on"}


class EmailUrlError(ValueError):
    pass


def parse_email_url(url):
    """Django settings (EMAIL_BACKEND, EMAIL_HOST, …) for an EMAIL_URL."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if scheme in SMTP_SCHEMES:
        if not parts.hostname:
            raise EmailUrlError(f"EMAIL_URL {scheme}:// needs a host, e.g. {scheme}://user:password@smtp.example.org")
        default_port, starttls, implicit_tls = SMTP_SCHEMES[scheme]
        try:
            port = parts.port or default_port
        except ValueError as error:
            raise EmailUrlError(f"EMAIL_URL has a bad port: {error}") from None
        starttls = starttls or query.get("tls", "").lower() in TRUE
        implicit_tls = implicit_tls or query.get("ssl", "").lower() in TRUE
        if starttls and implicit_tls:
            raise EmailUrlError("EMAIL_URL asks for both STARTTLS (tls) and implicit TLS (ssl); choose one.")
        config = {
            "EMAIL_BACKEND": SMTP,
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": starttls,
            "EMAIL_USE_SSL": implicit_tls,
        }
        if "timeout" in query:
            config["EMAIL_TIMEOUT"] = _number(query["timeout"], "timeout")
        return config
    if scheme == "file":
        path = unquote(parts.netloc + parts.path)
        if not path:
            raise EmailUrlError("EMAIL_URL file:// needs a folder, e.g. file:///srv/pressroom/mail")
        return {"EMAIL_BACKEND": EML_FILES, "EMAIL_FILE_PATH": path}
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE}
    raise EmailUrlError(
        f"EMAIL_URL scheme {scheme or '(none)'!r} is not one of smtp, submission, smtps, file, console "
        "(for a provider's API set EMAIL_BACKEND to a django-anymail backend)."
    )


def _number(value, name):
    try:
        return float(value)
    except ValueError:
        raise EmailUrlError(f"EMAIL_URL {name}={value!r} is not a number") from None


def email_settings(environ, var_dir):
    """The email settings for this environment: EMAIL_URL, else the usual variables, else .eml files."""
    config = {"EMAIL_TIMEOUT": 10.0}  # Django's default waits forever on a silent server
    url = environ.get("EMAIL_URL", "").strip()
    if url:
        config.update(parse_email_url(url))
    elif environ.get("EMAIL_HOST", "").strip():
        use_ssl = environ.get("EMAIL_USE_SSL", "").strip().lower() in TRUE
        use_tls = environ.get("EMAIL_USE_TLS", "").strip().lower() in TRUE
        if use_tls and use_ssl:
            raise EmailUrlError("EMAIL_USE_TLS and EMAIL_USE_SSL are both on; choose one.")
        port = environ.get("EMAIL_PORT", "").strip()
        try:
            port = int(port) if port else (465 if use_ssl else 587 if use_tls else 25)
        except ValueError:
            raise EmailUrlError(f"EMAIL_PORT={port!r} is not a number") from None
        config.update(
            EMAIL_BACKEND=SMTP,
            EMAIL_HOST=environ["EMAIL_HOST"].strip(),
            EMAIL_PORT=port,
            EMAIL_HOST_USER=environ.get("EMAIL_HOST_USER", ""),
            EMAIL_HOST_PASSWORD=environ.get("EMAIL_HOST_PASSWORD", ""),
            EMAIL_USE_TLS=use_tls,
            EMAIL_USE_SSL=use_ssl,
        )
    else:
        config.update(EMAIL_BACKEND=EML_FILES, EMAIL_FILE_PATH=str(var_dir / "mail"))
    if environ.get("EMAIL_BACKEND", "").strip():
        config["EMAIL_BACKEND"] = environ["EMAIL_BACKEND"].strip()
    if environ.get("EMAIL_TIMEOUT", "").strip():
        config["EMAIL_TIMEOUT"] = _number(environ["EMAIL_TIMEOUT"].strip(), "EMAIL_TIMEOUT")
    return config


def anymail_settings(environ):
    """django-anymail's ANYMAIL dict from ANYMAIL_* variables (ANYMAIL_MAILGUN_API_KEY → MAILGUN_API_KEY)."""
    return {key.removeprefix("ANYMAIL_"): value for key, value in environ.items() if key.startswith("ANYMAIL_")}
