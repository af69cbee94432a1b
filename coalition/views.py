"""The coalition's public pages: home, who we are, regions and bodies."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from coalition.models import Body, Coalition, Mandate, Region
from members.models import Organisation
from members.views import ordered_by_name


def home(request):
    regions = Region.objects.annotate(
        member_count=Count("organisations", filter=Q(organisations__status=Organisation.Status.MEMBER))
    )
    return render(
        request,
        "coalition/home.html",
        {
            "coalition": Coalition.current(),
            "regions": regions,
            "member_count": Organisation.objects.filter(status=Organisation.Status.MEMBER).count(),
        },
    )


def about(request):
    coalition = Coalition.current()
    return render(
        request,
        "coalition/about.html",
        {"coalition": coalition, "goals": [g for g in str(coalition.goals).splitlines() if g.strip()]},
    )


def regions(request):
    return render(request, "coalition/regions.html", {"regions": Region.objects.prefetch_related("places")})


def region(request, slug):
    region = get_object_or_404(Region, slug=slug)
    organisations = ordered_by_name(region.organisations.public().prefetch_related("sectors"))
    return render(
        request,
        "coalition/region.html",
        {"region": region, "organisations": organisations, "bodies": region.bodies.all()},
    )


def _current_mandates():
    return Mandate.objects.current().select_related("person", "organisation")


def bodies(request):
    bodies = Body.objects.select_related("region").prefetch_related(
        Prefetch("mandates", queryset=_current_mandates(), to_attr="current_mandates")
    )
    return render(request, "coalition/bodies.html", {"bodies": bodies})


def body(request, slug):
    body = get_object_or_404(Body.objects.select_related("region"), slug=slug)
    mandates = sorted(_current_mandates().filter(body=body), key=lambda m: (Mandate.ROLE_ORDER[m.role], m.starts_on))
    past = Mandate.objects.past().filter(body=body).select_related("organisation").order_by("-ends_on")
    return render(request, "coalition/body.html", {"body": body, "mandates": mandates, "past": past})
