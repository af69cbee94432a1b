"""Emails about membership, each in the language its reader chose, sent once the write they report is
committed; a mail server's failure never undoes nor hides that write (see after_commit)."""

import logging

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction

from core import mail

logger = logging.getLogger(__name__)

# What sending may fail with: a refused or lost connection, a timeout, a recipient or sender the server refuses
# (smtplib's errors are OSErrors), or a header Django will not send (BadHeaderError is a ValueError).
MAIL_ERRORS = (OSError, ValueError)


def describe(error: Exception) -> str:
    """The reason shown to the technical team: the server's words when it gave some."""
    return (str(error) or type(error).__name__)[:500]


def after_commit(send, *, sent=None, failed=None) -> None:
    """Run `send` once the transaction is committed. A failure is logged and handed to `failed(reason)`, never
    raised: the caller's write stands, and the person who made it is told the email did not leave, not that the
    write was refused."""

    def run():
        try:
            send()
        except MAIL_ERRORS as error:
            logger.warning("An email could not be sent: %s", describe(error), exc_info=True)
            if failed is not None:
                failed(describe(error))
        else:
            if sent is not None:
                sent()

    transaction.on_commit(run)


def set_password_url(person, language: str) -> str:
    """A password-reset link: the first password of an invited person is set through it."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(person)
    return mail.absolute_url(
        "account_reset_password_from_key",
        language=language,
        kwargs={"uidb36": user_pk_to_url_str(person), "key": token},
    )


def application_received(application) -> None:
    context = {"application": application, "organisation": application.organisation}
    mail.send(
        "members/email/application_received", application.contact_email, language=application.language, context=context
    )
    if settings.CIVNET_TECH_TEAM_EMAIL:
        review_url = mail.absolute_url("members:office_application", language="ar", args=[application.code])
        mail.send(
            "members/email/application_to_review",
            settings.CIVNET_TECH_TEAM_EMAIL,
            language="ar",
            context={**context, "review_url": review_url},
        )


def application_accepted(application, person, needs_password: bool) -> None:
    language = application.language
    context = {
        "application": application,
        "organisation": application.organisation,
        "person": person,
        "set_password_url": set_password_url(person, language) if needs_password else "",
        "login_url": mail.absolute_url("account_login", language=language),
        "profile_url": mail.absolute_url("members:profile", language=language, args=[application.organisation.slug]),
    }
    mail.send("members/email/application_accepted", application.contact_email, language=language, context=context)


def application_rejected(application) -> None:
    context = {"application": application, "organisation": application.organisation}
    mail.send(
        "members/email/application_rejected", application.contact_email, language=application.language, context=context
    )


def name_change_to_review(change) -> None:
    """Tells the technical team a new name waits for them (in Arabic, as for applications)."""
    if not settings.CIVNET_TECH_TEAM_EMAIL:
        return
    context = {
        "change": change,
        "organisation": change.organisation,
        "review_url": mail.absolute_url("members:office_name_changes", language="ar"),
    }
    mail.send("members/email/name_change_to_review", settings.CIVNET_TECH_TEAM_EMAIL, language="ar", context=context)


def invitation(invitation, token: str) -> None:
    """The link that lets the invited person accept, in the language the inviting admin chose."""
    language = invitation.language
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role": invitation.get_role_display,
        "accept_url": mail.absolute_url("members:invitation", language=language, args=[token]),
        "valid_days": invitation.VALID_DAYS,
    }
    mail.send("members/email/invitation", invitation.email, language=language, context=context)
