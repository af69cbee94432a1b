"""The one way CivNet sends a templated email: rendered in the recipient's language, with absolute links.

A template `app/email/name` is two files, `name_subject.txt` and `name.txt`; both see `base_url`."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(path: str) -> str:
    return settings.CIVNET_BASE_URL + path


def absolute_url(viewname: str, *, language: str, args=(), kwargs=None) -> str:
    """The full address of a page in the reader's language (`/ar/...`, `/en/...`)."""
    with translation.override(language):
        return absolute(reverse(viewname, args=args, kwargs=kwargs))


def send(template: str, to: str | list[str], *, language: str, context: dict) -> None:
    """Render `template` in `language` and send it to `to`; nothing is sent to an empty list."""
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        return
    with translation.override(language):
        context = {**context, "base_url": settings.CIVNET_BASE_URL}
        # One line, whatever the names in it: a line break in a subject would be a header injection.
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, recipients)
