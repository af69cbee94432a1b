"""The technical team's appeal pages: open and edit an appeal, its needs, its collection points, its coordinators,
the receiving partners and the catalogue of items; close the appeal. Anyone else gets 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from appeals import services
from appeals.currencies import COMMON
from appeals.forms import AppealForm, CoordinatorForm, ItemForm, NeedForm, PartnerForm, PointForm
from appeals.models import Appeal, Item, Partner
from core.permissions import technical_team_required
from core.views import attempt


@technical_team_required
@require_safe
def index(request):
    return render(
        request,
        "appeals/office/index.html",
        {
            "appeals": Appeal.objects.all(),
            "items": Item.objects.all(),
            "partners": Partner.objects.select_related("organisation"),
            "item_form": ItemForm(prefix="item"),
            "partner_form": PartnerForm(prefix="partner"),
        },
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def appeal_edit(request, slug=None):
    item = get_object_or_404(Appeal, slug=slug) if slug else Appeal()
    form = AppealForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas, partners = data.pop("areas"), data.pop("partners")
        target = Appeal.objects.get(pk=item.pk) if item.pk else Appeal()
        saved = attempt(
            request,
            lambda: services.appeal_save(
                actor=request.user, appeal=target, fields=data, areas=areas, partners=partners
            ),
            _("The appeal was saved."),
        )
        if saved:
            return redirect("appeals:office_appeal", slug=saved.slug)
    context = {"appeal": item, "form": form, "currencies": COMMON}
    if item.pk:
        context.update(
            needs=item.needs.select_related("item"),
            points=item.points.select_related("organisation", "place"),
            coordinators=item.coordinators.all(),
            need_form=NeedForm(),
            point_form=PointForm(),
            coordinator_form=CoordinatorForm(),
        )
    return render(request, "appeals/office/appeal.html", context)


@technical_team_required
@require_POST
def appeal_close(request, slug):
    item = get_object_or_404(Appeal, slug=slug)
    attempt(request, lambda: services.appeal_close(actor=request.user, appeal=item), _("The appeal is closed."))
    return redirect("appeals:office_appeal", slug=item.slug)


@technical_team_required
@require_POST
def need_save(request, slug):
    item = get_object_or_404(Appeal, slug=slug)
    form = NeedForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.need_save(actor=request.user, appeal=item, **form.cleaned_data),
            _("The needs list was saved."),
        )
    else:
        messages.error(request, _("Choose an item and a priority."))
    return redirect("appeals:office_appeal", slug=item.slug)


@technical_team_required
@require_http_methods(["GET", "POST"])
def point_new(request, slug):
    item = get_object_or_404(Appeal, slug=slug)
    form = PointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.point_create(actor=request.user, appeal=item, fields=form.cleaned_data)
        messages.success(request, _("The collection point was opened."))
        return redirect("appeals:office_appeal", slug=item.slug)
    return render(request, "appeals/office/point.html", {"appeal": item, "form": form})


@technical_team_required
@require_POST
def coordinator_add(request, slug):
    item = get_object_or_404(Appeal, slug=slug)
    form = CoordinatorForm(request.POST)
    if form.is_valid():
        services.coordinator_add(actor=request.user, appeal=item, person=form.cleaned_data["email"])
        messages.success(request, _("The coordinator was added."))
    else:
        messages.error(request, _("No account has this email address."))
    return redirect("appeals:office_appeal", slug=item.slug)


@technical_team_required
@require_POST
def partner_new(request):
    form = PartnerForm(request.POST, prefix="partner")
    if form.is_valid():
        attempt(
            request,
            lambda: services.partner_add(actor=request.user, fields=form.cleaned_data),
            _("The receiving partner was added."),
        )
    else:
        messages.error(request, _("The partner could not be added: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("appeals:office")


@technical_team_required
@require_POST
def item_new(request):
    form = ItemForm(request.POST, prefix="item")
    if form.is_valid():
        attempt(
            request,
            lambda: services.item_add(actor=request.user, fields=form.cleaned_data),
            _("The item was added to the catalogue."),
        )
    else:
        messages.error(request, _("The item could not be added: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("appeals:office")
