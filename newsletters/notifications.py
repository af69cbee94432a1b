"""Emails to subscribers and commenters, in their language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _send(template, to, language, context):
    with translation.override(language):
        context = {**context, "base_url": settings.CIVNET_BASE_URL}
        subject = render_to_string(f"newsletters/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"newsletters/email/{template}.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [to])


def confirm_subscription(subscriber) -> None:
    with translation.override(subscriber.language):
        url = settings.CIVNET_BASE_URL + reverse("newsletters:confirm", args=[subscriber.token])
    _send("confirm", subscriber.email, subscriber.language, {"url": url})


def comment_received(comment) -> None:
    language = translation.get_language() or "ar"
    with translation.override(language):
        url = settings.CIVNET_BASE_URL + reverse("newsletters:comment_delete", args=[comment.deletion_token])
    _send("comment", comment.email, language, {"comment": comment, "url": url})
