"""Emails about signatures: a receipt to the organisation's admins, and a request to sign again when the
text changes."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from members.models import Affiliation


def _admins(organisation) -> list[str]:
    return list(
        Affiliation.objects.filter(organisation=organisation, role="admin").values_list("person__email", flat=True)
    )


def _send(template, to, context, language="ar"):
    if not to:
        return
    with translation.override(language):
        subject = render_to_string(f"campaigns/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"campaigns/email/{template}.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, to)


def signature_receipt(signature) -> None:
    statement = signature.version.statement
    with translation.override("ar"):
        url = settings.CIVNET_BASE_URL + reverse("campaigns:statement", args=[statement.slug])
    _send(
        "signature_receipt",
        _admins(signature.organisation),
        {"signature": signature, "statement": statement, "version": signature.version, "url": url},
    )


def sign_again(statement, version, earlier_signatures) -> None:
    with translation.override("ar"):
        url = settings.CIVNET_BASE_URL + reverse("campaigns:sign", args=[statement.slug])
    for signature in earlier_signatures:
        _send(
            "sign_again",
            _admins(signature.organisation),
            {"statement": statement, "version": version, "organisation": signature.organisation, "url": url},
        )
