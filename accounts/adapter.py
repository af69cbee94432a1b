"""How allauth treats CivNet's accounts: nobody signs up on their own."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts come from an accepted membership application or an organisation admin's invitation,
        # never from an open sign-up form: a stranger must not be able to pose as a member.
        return False
