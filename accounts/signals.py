"""Reactions to sign-in signals: an invited person's address counts as verified, and a person's language is
remembered for their emails."""

from allauth.account.models import EmailAddress
from django.utils.translation import get_language_from_path

from core.i18n import LANGUAGE_CODES


def verify_email_on_password_reset(sender, request, user, **kwargs):
    """Invited people set their first password through a link sent to their address: following it
    proves they own the address, so it counts as verified."""
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )


def remember_language(sender, request, user, **kwargs):
    """The language of the page a person signs in on is the one CivNet writes to them in, until they choose one
    themselves on "My organisations" (then their choice stays)."""
    language = get_language_from_path(getattr(request, "path_info", "") or "")
    if language in LANGUAGE_CODES and not user.language_chosen and user.language != language:
        type(user).objects.filter(pk=user.pk).update(language=language)
        user.language = language
