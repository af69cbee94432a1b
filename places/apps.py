"""The gazetteer app; on start-up it clears the cached place tree when places change, and gives "My
organisations" the answers to the places people asked for."""

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"

    def ready(self):
        from core import reference, todo
        from places import todo as places_todo
        from places.models import Place

        reference.clear_when_changed(Place)
        todo.register(places_todo.items)
