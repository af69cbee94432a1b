"""The offline outbox: forms filled with no connection are encrypted on the phone for the server's key and sent,
exactly once each, to the same views as online forms (see docs/offline.md)."""

from django.apps import AppConfig


class OfflineConfig(AppConfig):
    name = "offline"
    verbose_name = "Offline outbox"
