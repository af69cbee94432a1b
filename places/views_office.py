"""The technical team's pages for the gazetteer: adding communities (villages, town quarters), and answering the
places people asked for (added as a community, or declined with a reason)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.permissions import technical_team_required
from core.services import Refused
from core.validators import NAME_SCRIPT
from places import selectors, services
from places.forms import CommunityForm, DeclineForm
from places.models import Place, PlaceRequest


def _initial_from(place_request: PlaceRequest | None) -> dict:
    """The community form filled in from a request: the name in the field of its script, the sub-district."""
    if place_request is None:
        return {}
    initial = {"request": place_request.pk}
    for field in ("name_ar", "name_en"):
        try:
            NAME_SCRIPT[field[-2:]](place_request.name)
        except ValidationError:  # the name is not in this field's script
            continue
        initial[field] = place_request.name
    if place_request.parent and place_request.parent.level == Place.Level.SUB_DISTRICT:
        initial["parent"] = place_request.parent.pk
    return initial


@technical_team_required
@require_http_methods(["GET", "POST"])
def communities(request):
    pending = PlaceRequest.objects.filter(status=PlaceRequest.Status.PENDING)
    answering = pending.filter(pk=request.GET.get("request")).select_related("parent").first()
    form = CommunityForm(request.POST or None, initial=_initial_from(answering))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        request_pk = data.pop("request")
        try:
            services.community_add(
                actor=request.user, request=pending.filter(pk=request_pk).first() if request_pk else None, **data
            )
        except Refused as refused:
            # Shown beside the form, so the officer corrects the entry rather than retyping it.
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The community was added."))
            return redirect("places:office_communities")
    recent = Place.objects.filter(level=Place.Level.COMMUNITY).select_related("parent").order_by("-pk")[:50]
    return render(
        request,
        "places/office/communities.html",
        {"form": form, "communities": recent, "answering": answering, "waiting": pending.count()},
    )


@technical_team_required
@require_safe
def requests(request):
    """Places people asked for, oldest first, each with the ways to answer it."""
    return render(
        request,
        "places/office/requests.html",
        {"requests": selectors.pending_requests(), "decline_form": DeclineForm()},
    )


@technical_team_required
@require_POST
def request_decline(request, pk):
    place_request = get_object_or_404(PlaceRequest, pk=pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the place is not added: the person who asked reads it."))
        return redirect("places:office_requests")
    try:
        services.place_request_decline(actor=request.user, request=place_request, reason=form.cleaned_data["reason"])
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The request was declined; the person who asked is told why."))
    return redirect("places:office_requests")
