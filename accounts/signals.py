"""Reactions to allauth's signals about accounts."""

from allauth.account.models import EmailAddress


def verify_email_on_password_reset(sender, request, user, **kwargs):
    """Invited people set their first password through a link sent to their address: following it
    proves they own the address, so it counts as verified."""
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
