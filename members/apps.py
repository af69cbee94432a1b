"""The members app; on start-up it clears the cached sectors when they change."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        from core import reference
        from members.models import Sector

        reference.clear_when_changed(Sector)
