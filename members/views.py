"""Public pages of the members directory, profiles and the application to join."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coalition.models import Region
from core import reference
from core.pagination import window_page
from core.ratelimit import client_ip, over_limit
from members import selectors, services
from members.forms import ApplicationForm
from members.models import Organisation, Sector

# 20 rows keep a page light on costly mobile data; search narrows faster than paging.
PAGE_SIZE = 20
# Applications per connection per hour: enough for an office sharing one address, not for a bot.
APPLY_LIMIT = 10


def directory(request):
    query = request.GET.get("q", "")[:200]
    region = request.GET.get("region", "")
    sector = request.GET.get("sector", "")
    organisations = selectors.directory(query=query, region=region, sector=sector)
    page = window_page(organisations, request.GET.get("page"), PAGE_SIZE)
    context = {
        "page": page,
        "query": query,
        "region": region,
        "sector": sector,
        "regions": reference.cached("regions", lambda: list(Region.objects.all())),
        "sectors": reference.cached("sectors", lambda: list(Sector.objects.all())),
    }
    if request.headers.get("HX-Request"):
        return render(request, "members/_results.html", context)
    return render(request, "members/directory.html", context)


def profile(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.public().select_related("region", "place__parent__parent"), slug=slug
    )
    return render(
        request,
        "members/profile.html",
        {"organisation": organisation, "sectors": organisation.sectors.all()},
    )


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and over_limit("apply", client_ip(request), limit=APPLY_LIMIT, seconds=3600):
        form.add_error(None, _("Too many applications were sent from this connection. Please try again in an hour."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organisation_apply(
                fields=form.organisation_fields(translation.get_language()),
                sectors=data["sectors"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                message=data["message"],
                language=translation.get_language(),
            )
        except services.DuplicateName as duplicate:
            form.add_error(
                None,
                _(
                    "An organisation with this name is already registered: %(name)s. If it is yours, "
                    "ask one of its admins to give you a role."
                )
                % {"name": duplicate.organisation.name},
            )
        else:
            messages.success(request, _("Thank you. Your application was received; we sent you an email."))
            return redirect("members:apply_done")
    return render(request, "members/apply.html", {"form": form})


def apply_done(request):
    return render(request, "members/apply_done.html")
