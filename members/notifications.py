"""Emails about membership, each in the language its reader chose."""

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(path: str) -> str:
    return settings.CIVNET_BASE_URL + path


def set_password_url(person) -> str:
    """A password-reset link: the first password of an invited person is set through it."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(person)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(person), "key": token})
    return absolute(path)


def _send(template: str, to: list[str], language: str, context: dict) -> None:
    with translation.override(language):
        subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"members/email/{template}.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, to)


def application_received(application) -> None:
    context = {"application": application, "organisation": application.organisation}
    _send("application_received", [application.contact_email], application.language, context)
    if settings.CIVNET_TECH_TEAM_EMAIL:
        with translation.override(application.language):
            context["review_url"] = absolute(reverse("backoffice:application", args=[application.code]))
        _send("application_to_review", [settings.CIVNET_TECH_TEAM_EMAIL], "ar", context)


def application_accepted(application, person, new_account: bool) -> None:
    with translation.override(application.language):
        context = {
            "application": application,
            "organisation": application.organisation,
            "person": person,
            "set_password_url": set_password_url(person) if new_account else "",
            "login_url": absolute(reverse("account_login")),
            "profile_url": absolute(reverse("members:profile", args=[application.organisation.slug])),
        }
    _send("application_accepted", [application.contact_email], application.language, context)


def application_rejected(application) -> None:
    context = {"application": application, "organisation": application.organisation}
    _send("application_rejected", [application.contact_email], application.language, context)


def person_invited(affiliation, new_account: bool, language: str) -> None:
    person = affiliation.person
    with translation.override(language):
        context = {
            "affiliation": affiliation,
            "organisation": affiliation.organisation,
            "person": person,
            "set_password_url": set_password_url(person) if new_account else "",
            "login_url": absolute(reverse("account_login")),
        }
    _send("person_invited", [person.email], language, context)
