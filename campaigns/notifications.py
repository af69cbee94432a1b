"""Emails about signatures: a receipt to the organisation's admins, and a request to sign again when the
text changes. Both go in the coalition's language, Arabic: the admins did not choose another."""

from django.conf import settings

from core import mail
from members.models import Affiliation

LANGUAGE = settings.LANGUAGE_CODE


def _admins(organisation) -> list[str]:
    return list(
        Affiliation.objects.filter(organisation=organisation, role=Affiliation.Role.ADMIN).values_list(
            "person__email", flat=True
        )
    )


def signature_receipt(signature) -> None:
    statement = signature.version.statement
    mail.send(
        "campaigns/email/signature_receipt",
        _admins(signature.organisation),
        language=LANGUAGE,
        context={
            "signature": signature,
            "statement": statement,
            "version": signature.version,
            "url": mail.absolute_url("campaigns:statement", language=LANGUAGE, args=[statement.slug]),
        },
    )


def sign_again(statement, version, earlier_signatures) -> None:
    url = mail.absolute_url("campaigns:sign", language=LANGUAGE, args=[statement.slug])
    for signature in earlier_signatures:
        mail.send(
            "campaigns/email/sign_again",
            _admins(signature.organisation),
            language=LANGUAGE,
            context={"statement": statement, "version": version, "organisation": signature.organisation, "url": url},
        )
