"""Pages of an organisation's own people in information exchange: its admins and editors post the
organisation's activities for the technical team to approve, and follow what they posted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsletters import services
from newsletters.forms import ActivityForm
from newsletters.permissions import get_organisation_for_user


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request, slug):
    organisation = get_organisation_for_user(request.user, slug, need="post")
    form = ActivityForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: v for k, v in data.items() if k not in ("sectors", "places")}
        services.activity_post(
            actor=request.user, organisation=organisation, fields=fields, sectors=data["sectors"], places=data["places"]
        )
        messages.success(request, _("The activity was sent to the technical team for approval."))
        return redirect("newsletters:activity_new", slug=organisation.slug)
    mine = organisation.activities.order_by("-created_at")[:20]
    return render(request, "newsletters/activity_form.html", {"organisation": organisation, "form": form, "mine": mine})
