"""The answers to the places a person asked for, on "My organisations" (core.todo) for some weeks."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import todo
from core.i18n import sentence
from places.models import PlaceRequest


def items(user) -> list[todo.Todo]:
    answered = PlaceRequest.objects.filter(
        requested_by=user,
        decided_at__gte=todo.news_since(),
        status__in=(PlaceRequest.Status.ADDED, PlaceRequest.Status.DECLINED),
    ).select_related("place")
    url = reverse("places:request")
    found = []
    for request in answered:
        if request.status == PlaceRequest.Status.ADDED:
            text = sentence(
                _("The place you asked for, %(name)s, was added: you can choose it now."), name=request.name
            )
            found.append(todo.Todo(todo.NEWS, text, url, at=request.decided_at))
        else:
            text = sentence(_("The place you asked for, %(name)s, was not added."), name=request.name)
            found.append(todo.Todo(todo.NEWS, text, url, at=request.decided_at, note=request.answer))
    return found
