"""The back-office app: the technical team's dashboard and audit trail."""

from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "backoffice"
