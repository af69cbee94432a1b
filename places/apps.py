"""The gazetteer app; on start-up it clears the cached place tree when places change."""

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"

    def ready(self):
        from core import reference
        from places.models import Place

        reference.clear_when_changed(Place)
