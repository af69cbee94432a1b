"""Two-factor is mandatory for coalition roles and organisation admins."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from members.models import Affiliation


def needs_two_factor(user) -> bool:
    if user.coalition_role:
        return True
    return Affiliation.objects.filter(person=user, role=Affiliation.Role.ADMIN).exists()


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireTwoFactorMiddleware:
    """Until they set up TOTP, such people can reach only the two-factor and sign-out pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.CIVNET_REQUIRE_2FA
            and user.is_authenticated
            and not request.path_info.startswith(settings.STATIC_URL)
            and not self._allowed(request.path_info)
            and needs_two_factor(user)
            and not has_two_factor(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        parts = path.strip("/").split("/")
        # /<lang>/accounts/2fa/..., /<lang>/accounts/logout/, /<lang>/accounts/reauthenticate/
        return len(parts) >= 3 and parts[1] == "accounts" and parts[2] in {"2fa", "logout", "reauthenticate"}
