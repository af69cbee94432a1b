"""The one way CivNet sends a templated email: rendered in the recipient's language, with absolute links.

A template `app/email/name` is two files, `name_subject.txt` and `name.txt`; both see `base_url`. People with an
account read their emails in the language they chose (`language_of`); `send_to_people` sends each their own."""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.i18n import LANGUAGE_CODES

logger = logging.getLogger(__name__)

# What sending may fail with: a refused or lost connection, a timeout, a recipient the server refuses (smtplib's
# errors are OSErrors), or a header Django will not send (BadHeaderError is a ValueError).
MAIL_ERRORS = (OSError, ValueError)


def absolute(path: str) -> str:
    return settings.CIVNET_BASE_URL + path


def absolute_url(viewname: str, *, language: str, args=(), kwargs=None) -> str:
    """The full address of a page in the reader's language (`/ar/...`, `/en/...`)."""
    with translation.override(language):
        return absolute(reverse(viewname, args=args, kwargs=kwargs))


def language_of(person) -> str:
    """The language a person chose for CivNet (`User.language`: set when they sign in, changed on /my/); Arabic,
    the coalition's language, when unknown."""
    code = getattr(person, "language", "") or settings.LANGUAGE_CODE
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


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


def send_to_people(template: str, people: Iterable, *, context: dict | Callable[[str], dict]) -> int:
    """Send `template` to each person (an account) on their own, in the language they chose; `context` may be a
    function of the language, for links in it. One person's failed email is logged and does not stop the others,
    nor undo the write it reports (callers run this after the commit). Returns how many left."""
    sent, seen = 0, set()
    for person in people:
        address = (getattr(person, "email", "") or "").strip()
        if not address or address.lower() in seen or not getattr(person, "is_active", True):
            continue
        seen.add(address.lower())
        language = language_of(person)
        try:
            send(template, address, language=language, context=context(language) if callable(context) else context)
        except MAIL_ERRORS:
            logger.warning("An email (%s) could not be sent to a person", template, exc_info=True)
        else:
            sent += 1
    return sent
