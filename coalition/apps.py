"""The coalition app; on start-up it clears the cached regions and coalition name when they change."""

from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    name = "coalition"

    def ready(self):
        from coalition.models import Coalition, Region
        from core import reference

        reference.clear_when_changed(Coalition, Region, m2m=[Region.places.through])
