"""The page where a signed-in person asks the technical team to add a place the picker does not know, and reads
the answers to what they asked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.ratelimit import over_limit
from core.services import Refused
from places import selectors, services
from places.forms import PlaceRequestForm

# Requests a person may send a day: a project's worth of villages, not a way to flood the technical team.
REQUEST_LIMIT = 20


@login_required
@require_http_methods(["GET", "POST"])
def request_place(request):
    form = PlaceRequestForm(request.POST or None, initial={"name": request.GET.get("name", "")[:120]})
    if request.method == "POST" and form.is_valid():
        if over_limit("place-request", str(request.user.pk), limit=REQUEST_LIMIT, seconds=86400):
            form.add_error(None, _("You asked for many places today. Please try again tomorrow."))
        else:
            try:
                services.place_request(actor=request.user, **form.cleaned_data)
            except Refused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _(
                        "Your request was sent to the technical team. You will be told by email when they have "
                        "answered; the answer is also listed below."
                    ),
                )
                return redirect("places:request")
    return render(request, "places/request.html", {"form": form, "requests": selectors.requests_of(request.user)})
