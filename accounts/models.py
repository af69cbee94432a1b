"""People. Each person has their own account, found by email; organisations never share a login."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    class CoalitionRole(models.TextChoices):
        NONE = "", _("None")
        TECHNICAL_TEAM = "technical_team", _("Technical team")

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    coalition_role = models.CharField(
        _("coalition role"), max_length=32, choices=CoalitionRole.choices, blank=True, default=""
    )
    # The language CivNet writes to the person in (core.mail.language_of): the one they sign in with, until they
    # choose one on "My organisations" (`language_chosen`); Arabic, the coalition's language, at first.
    language = models.CharField(_("language"), max_length=3, choices=settings.LANGUAGES, default="ar")
    language_chosen = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)  # Django admin only; the back-office uses coalition_role.
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
