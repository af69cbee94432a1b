"""The coalition's public pages: home, who we are, regions and bodies."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from coalition import selectors
from coalition.models import Body, Coalition, Region
from core import happening
from core.i18n import ordered_by_name


@require_safe
def home(request):
    return render(
        request,
        "coalition/home.html",
        {
            "coalition": Coalition.current(),
            "regions": selectors.regions_with_member_counts(),
            "member_count": selectors.member_count(),
            # Appeals collecting, elections and assemblies, workshops: what the apps above register (core.happening).
            "happening": happening.items(),
        },
    )


@require_safe
def about(request):
    coalition = Coalition.current()
    return render(
        request,
        "coalition/about.html",
        {"coalition": coalition, "goals": [g for g in str(coalition.goals).splitlines() if g.strip()]},
    )


@require_safe
def regions(request):
    return render(request, "coalition/regions.html", {"regions": Region.objects.prefetch_related("places")})


@require_safe
def region(request, slug):
    region = get_object_or_404(Region, slug=slug)
    organisations = ordered_by_name(region.organisations.public().prefetch_related("sectors"))
    return render(
        request,
        "coalition/region.html",
        {"region": region, "organisations": organisations, "bodies": region.bodies.all()},
    )


@require_safe
def bodies(request):
    return render(request, "coalition/bodies.html", {"bodies": selectors.bodies_with_current_mandates()})


@require_safe
def body(request, slug):
    body = get_object_or_404(Body.objects.select_related("region"), slug=slug)
    mandates = body.mandates.current().by_role().select_related("person", "organisation")
    past = body.mandates.past().select_related("organisation").order_by("-ends_on")
    return render(request, "coalition/body.html", {"body": body, "mandates": mandates, "past": past})
