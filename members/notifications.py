"""Emails about membership, each in the language its reader chose."""

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings

from core import mail


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


def application_accepted(application, person, new_account: bool) -> None:
    language = application.language
    context = {
        "application": application,
        "organisation": application.organisation,
        "person": person,
        "set_password_url": set_password_url(person, language) if new_account else "",
        "login_url": mail.absolute_url("account_login", language=language),
        "profile_url": mail.absolute_url("members:profile", language=language, args=[application.organisation.slug]),
    }
    mail.send("members/email/application_accepted", application.contact_email, language=language, context=context)


def application_rejected(application) -> None:
    context = {"application": application, "organisation": application.organisation}
    mail.send(
        "members/email/application_rejected", application.contact_email, language=application.language, context=context
    )


def person_invited(affiliation, new_account: bool, language: str) -> None:
    person = affiliation.person
    context = {
        "affiliation": affiliation,
        "organisation": affiliation.organisation,
        "person": person,
        "set_password_url": set_password_url(person, language) if new_account else "",
        "login_url": mail.absolute_url("account_login", language=language),
    }
    mail.send("members/email/person_invited", person.email, language=language, context=context)
