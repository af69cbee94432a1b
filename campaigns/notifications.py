"""Emails about signatures: a receipt to the organisation's admins, and a request to sign again when the
text changes. Each admin reads them in the language they chose (core.mail.send_to_people)."""

from core import mail
from members.models import Affiliation


def _admins(organisation) -> list:
    return [
        a.person
        for a in Affiliation.objects.filter(organisation=organisation, role=Affiliation.Role.ADMIN)
        .select_related("person")
        .order_by("person_id")
    ]


def signature_receipt(signature) -> None:
    statement = signature.version.statement
    mail.send_to_people(
        "campaigns/email/signature_receipt",
        _admins(signature.organisation),
        context=lambda language: {
            "signature": signature,
            "statement": statement,
            "version": signature.version,
            "url": mail.absolute_url("campaigns:statement", language=language, args=[statement.slug]),
        },
    )


def sign_again(statement, version, earlier_signatures) -> None:
    for signature in earlier_signatures:
        mail.send_to_people(
            "campaigns/email/sign_again",
            _admins(signature.organisation),
            context=lambda language, signature=signature: {
                "statement": statement,
                "version": version,
                "organisation": signature.organisation,
                "url": mail.absolute_url("campaigns:sign", language=language, args=[statement.slug]),
            },
        )
