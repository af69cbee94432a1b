"""The technical team's page for adding communities (villages, town quarters) to the gazetteer."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import technical_team_required
from core.services import Refused
from places import services
from places.forms import CommunityForm
from places.models import Place


@technical_team_required
@require_http_methods(["GET", "POST"])
def communities(request):
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.community_add(actor=request.user, **form.cleaned_data)
        except Refused as refused:
            # Shown beside the form, so the officer corrects the entry rather than retyping it.
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The community was added."))
            return redirect("places:office_communities")
    recent = Place.objects.filter(level=Place.Level.COMMUNITY).select_related("parent").order_by("-pk")[:50]
    return render(request, "places/office/communities.html", {"form": form, "communities": recent})
