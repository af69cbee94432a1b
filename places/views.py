"""The gazetteer's public address: the place picker's search, as JSON (public data only: names, what each place
lies in, P-codes)."""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from places import selectors
from places.models import Place


def _levels(value: str) -> tuple[int, ...]:
    return tuple(int(v) for v in value.split(",") if v.strip().isdigit() and int(v) in Place.Level.values)


@require_safe
@cache_control(public=True, max_age=300)
def search(request):
    """`?q=words&levels=1,2,3`: up to 20 places, the coalition's regions first, named in the address's language."""
    query = request.GET.get("q", "")[:100]
    found = selectors.search(query, levels=_levels(request.GET.get("levels", "")))
    return JsonResponse({"query": query, "results": [choice.as_json() for choice in found]})
