"""The accounts app: people's logins; on start-up it connects allauth's password-reset signal."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.account.signals import password_reset

        from accounts.signals import verify_email_on_password_reset

        password_reset.connect(verify_email_on_password_reset, dispatch_uid="civnet_verify_on_reset")
