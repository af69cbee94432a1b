"""The read-only JSON API of published projects and member organisations."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Public JSON API"
