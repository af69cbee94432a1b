"""Public pages of the members directory, profiles and the application to join."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coalition.models import Region
from core import reference
from core.pagination import window_page
from core.ratelimit import client_ip, over_limit
from core.services import Refused
from members import selectors, services
from members.forms import ApplicationForm
from members.models import Organisation, Sector

# 20 rows keep a page light on costly mobile data; search narrows faster than paging.
PAGE_SIZE = 20
# Applications per connection per hour: enough for an office sharing one address, not for a bot.
APPLY_LIMIT = 10


def with_name(message: str, name) -> SafeString:
    """A translated sentence with `%(name)s` naming an organisation: the sentence escaped, the name isolated in
    <bdi>, so that its writing direction (or a direction override stored before names refused them) cannot
    reorder the sentence around it."""
    before, _sep, after = str(message).partition("%(name)s")
    return format_html("{}<bdi>{}</bdi>{}", before, name, after)


@require_safe
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


@require_safe
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
            application = services.organisation_apply(
                fields=form.organisation_fields(translation.get_language()),
                sectors=data["sectors"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                message=data["message"],
                language=translation.get_language(),
            )
        except services.DuplicateName as duplicate:
            # An applicant's name is not public: only a member's (or a suspended member's) is named.
            if duplicate.is_public:
                message = with_name(
                    _(
                        "An organisation with this name is already registered: %(name)s. If it is yours, "
                        "ask one of its admins to give you a role."
                    ),
                    duplicate.organisation.name,
                )
            else:
                message = _(
                    "An organisation with this name has already applied or is registered. If it is yours, "
                    "write to the technical team."
                )
            form.add_error(None, message)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            if application.email_error:
                messages.warning(
                    request,
                    _(
                        "Thank you. Your application was received, but we could not send you an email; the "
                        "technical team will write to you."
                    ),
                )
            else:
                messages.success(request, _("Thank you. Your application was received; we sent you an email."))
            return redirect("members:apply_done")
    return render(request, "members/apply.html", {"form": form})


@require_safe
def apply_done(request):
    return render(request, "members/apply_done.html")
