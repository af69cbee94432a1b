"""The coalition's short name, shown in every page's title and header."""

from django.utils.functional import SimpleLazyObject

from coalition.models import Coalition
from core import reference


def _short_name():
    def load():
        coalition = Coalition.objects.only("short_name").order_by("pk").first()
        return (coalition and coalition.short_name) or "CivNet"

    return reference.cached("coalition-short-name", load)


def coalition(request):
    return {"coalition_short_name": SimpleLazyObject(_short_name)}
