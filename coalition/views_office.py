"""The technical team's pages about the coalition's structure: its regions and bodies. (A body's seats are
given and ended on the members app's office page of the body.)"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coalition import services
from coalition.forms import BodyForm, RegionForm
from coalition.models import Body, Region
from core.permissions import technical_team_required


@technical_team_required
@require_safe
def regions(request):
    return render(request, "coalition/office/regions.html", {"regions": Region.objects.all()})


@technical_team_required
@require_http_methods(["GET", "POST"])
def region_edit(request, slug):
    region = get_object_or_404(Region, slug=slug)
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        # The form has already changed `region` while validating: the service compares against a fresh copy.
        services.region_update(actor=request.user, region=Region.objects.get(pk=region.pk), fields=form.cleaned_data)
        messages.success(request, _("The region was saved."))
        return redirect("coalition:office_regions")
    return render(request, "coalition/office/form.html", {"form": form, "title": region.name})


@technical_team_required
@require_safe
def bodies(request):
    bodies = Body.objects.select_related("region").annotate(seats=Count("mandates"))
    return render(request, "coalition/office/bodies.html", {"bodies": bodies})


@technical_team_required
@require_http_methods(["GET", "POST"])
def body_edit(request, slug=None):
    body = get_object_or_404(Body, slug=slug) if slug else Body()
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        # As for regions: the service compares against the stored body, not the one the form changed.
        target = Body.objects.get(pk=body.pk) if body.pk else Body()
        body = services.body_save(actor=request.user, body=target, fields=form.cleaned_data)
        messages.success(request, _("The body was saved."))
        return redirect("members:office_body", slug=body.slug)
    return render(
        request, "coalition/office/form.html", {"form": form, "title": body.name if body.pk else _("New body")}
    )
