"""The accounts app: people's logins; on start-up it connects allauth's password-reset signal and remembers the
language people sign in with."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from allauth.account.signals import password_reset
        from django.contrib.auth.signals import user_logged_in

        from accounts.signals import remember_language, verify_email_on_password_reset

        password_reset.connect(verify_email_on_password_reset, dispatch_uid="civnet_verify_on_reset")
        user_logged_in.connect(remember_language, dispatch_uid="civnet_remember_language")
