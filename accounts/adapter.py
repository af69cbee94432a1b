"""How allauth treats CivNet's accounts: nobody signs up on their own, and each person lands where their work is."""

from allauth.account.adapter import DefaultAccountAdapter
from django.shortcuts import resolve_url

from core.permissions import is_technical_team


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts come from an accepted membership application or an organisation admin's invitation,
        # never from an open sign-up form: a stranger must not be able to pose as a member.
        return False

    def get_login_redirect_url(self, request) -> str:
        """The technical team's home is the back-office dashboard (what waits for them); everyone else's is "My
        organisations". A `next` address, when there is one, still wins (allauth checks it first)."""
        if is_technical_team(request.user):
            return resolve_url("backoffice:index")
        return super().get_login_redirect_url(request)
