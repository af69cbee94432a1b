"""What an organisation's people do in an appeal: record what arrives at their collection point (goods and cash,
each form sent once), correct an entry, say how the point is. And what the appeal's coordinators do: move goods
between points, plan convoys, add trucks, load them from the stock, record departure and arrival, issue the
handover link, send cash."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from appeals import selectors, services
from appeals.currencies import COMMON
from appeals.forms import (
    CashForm,
    CashTransferForm,
    ConvoyForm,
    IntakeForm,
    LoadForm,
    PointStatusForm,
    ReverseForm,
    TransferForm,
    TruckForm,
)
from appeals.models import CashEntry, CashTransfer, CollectionPoint, Item, ManifestLine, StockEntry, Truck
from appeals.permissions import get_appeal_for_user, get_convoy_for_user, get_point_for_user
from core.services import Refused
from core.views import attempt

# --- a collection point ------------------------------------------------------------------------------------


def _point_page(request, point, *, intake_form=None, cash_form=None, status=200):
    return render(
        request,
        "appeals/point.html",
        {
            "point": point,
            "appeal": point.appeal,
            "intake_form": intake_form or IntakeForm(),
            "cash_form": cash_form or CashForm(),
            "status_form": PointStatusForm(
                initial={"status": point.status, "needs_now": point.needs_now, "hours": point.hours}
            ),
            "reverse_form": ReverseForm(),
            "stock": selectors.stock_of_point(point),
            "cash": selectors.cash_of_point(point),
            "entries": selectors.recent_entries(point),
            "cash_entries": selectors.recent_cash(point),
            "currencies": COMMON,
        },
        status=status,
    )


@login_required
@require_safe
def point(request, code):
    return _point_page(request, get_point_for_user(request.user, code, need="view"))


def _already(request):
    messages.info(request, _("Already recorded: this form had been sent before, nothing was added."))


@login_required
@require_POST
def intake(request, code):
    point = get_point_for_user(request.user, code, need="intake")
    form = IntakeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry, created = services.intake_record(actor=request.user, point=point, **data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            if created:
                messages.success(
                    request,
                    _("Recorded: %(quantity)s %(unit)s of %(item)s.")
                    % {
                        "quantity": f"{entry.quantity.normalize():f}",
                        "unit": entry.item.get_unit_display(),
                        "item": entry.item.name,
                    },
                )
            else:
                _already(request)
            return redirect("appeals:point", code=point.code)
    return _point_page(request, point, intake_form=form, status=400)


@login_required
@require_POST
def cash(request, code):
    point = get_point_for_user(request.user, code, need="intake")
    form = CashForm(request.POST)
    if form.is_valid():
        try:
            entry, created = services.cash_record(actor=request.user, point=point, **form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            if created:
                messages.success(
                    request,
                    _("Recorded: %(amount)s %(currency)s.") % {"amount": entry.amount, "currency": entry.currency},
                )
            else:
                _already(request)
            return redirect("appeals:point", code=point.code)
    return _point_page(request, point, cash_form=form, status=400)


@login_required
@require_POST
def reverse_entry(request, code, ledger, pk):
    point = get_point_for_user(request.user, code, need="intake")
    model = {"stock": StockEntry, "cash": CashEntry}.get(ledger)
    entry = model.objects.filter(point=point, pk=pk).first() if model else None
    if entry is None:
        raise Http404
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the entry is corrected."))
    else:
        attempt(
            request,
            lambda: services.entry_reverse(actor=request.user, entry=entry, reason=form.cleaned_data["reason"]),
            _("The entry was corrected by a reversing entry."),
        )
    return redirect("appeals:point", code=point.code)


@login_required
@require_POST
def point_status(request, code):
    point = get_point_for_user(request.user, code, need="intake")
    form = PointStatusForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.point_update(actor=request.user, point=point, **form.cleaned_data),
            _("The point's status was saved."),
        )
    else:
        messages.error(request, _("Choose a status of the list."))
    return redirect("appeals:point", code=point.code)


# --- coordinating -----------------------------------------------------------------------------------------


def _stock_choices(appeal):
    points = {p.pk: p for p in appeal.points.select_related("organisation", "place")}
    rows = selectors.stock_of_appeal(appeal)
    items = Item.objects.in_bulk({r["item_id"] for r in rows})
    return [
        (
            f"{r['point_id']}:{r['item_id']}",
            _("%(item)s at %(point)s (%(quantity)s %(unit)s left)")
            % {
                "item": items[r["item_id"]].name,
                "point": points[r["point_id"]].organisation.name,
                "quantity": f"{r['total'].normalize():f}",
                "unit": items[r["item_id"]].get_unit_display(),
            },
        )
        for r in rows
    ]


@login_required
@require_safe
def coordinate(request, slug):
    appeal = get_appeal_for_user(request.user, slug, need="coordinate")
    points = list(appeal.points.select_related("organisation", "place", "organisation__region"))
    return render(
        request,
        "appeals/coordinate.html",
        {
            "appeal": appeal,
            "points": [(p, selectors.cash_of_point(p)) for p in points],
            "convoys": appeal.convoys.select_related("partner"),
            "transfers": CashTransfer.objects.filter(point__appeal=appeal).select_related(
                "partner", "point__organisation"
            ),
            "convoy_form": ConvoyForm(appeal=appeal, prefix="convoy"),
            "transfer_form": TransferForm(appeal=appeal, prefix="move"),
            "cash_form": CashTransferForm(appeal=appeal, prefix="cash"),
            "currencies": COMMON,
        },
    )


@login_required
@require_POST
def convoy_new(request, slug):
    appeal = get_appeal_for_user(request.user, slug, need="coordinate")
    form = ConvoyForm(request.POST, appeal=appeal, prefix="convoy")
    if not form.is_valid():
        messages.error(request, _("The convoy needs a crossing and a receiving partner."))
        return redirect("appeals:coordinate", slug=appeal.slug)
    convoy = services.convoy_create(actor=request.user, appeal=appeal, fields=form.cleaned_data)
    messages.success(request, _("Convoy %(number)s is planned. Add its trucks.") % {"number": convoy.number})
    return redirect("appeals:convoy", code=convoy.code)


@login_required
@require_POST
def goods_transfer(request, slug):
    appeal = get_appeal_for_user(request.user, slug, need="coordinate")
    form = TransferForm(request.POST, appeal=appeal, prefix="move")
    if not form.is_valid():
        messages.error(request, _("Choose two points, an item and a quantity."))
    else:
        attempt(
            request,
            lambda: services.stock_transfer(actor=request.user, **form.cleaned_data),
            _("The goods were moved."),
        )
    return redirect("appeals:coordinate", slug=appeal.slug)


@login_required
@require_POST
def cash_send(request, slug):
    appeal = get_appeal_for_user(request.user, slug, need="coordinate")
    form = CashTransferForm(request.POST, appeal=appeal, prefix="cash")
    if not form.is_valid():
        messages.error(request, _("The transfer could not be recorded: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("appeals:coordinate", slug=appeal.slug)
    try:
        _transfer, token = services.cash_transfer_create(actor=request.user, **form.cleaned_data)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        link = request.build_absolute_uri(reverse("appeals:cash_receive", args=[token]))
        messages.success(
            request,
            _("The transfer is recorded. Pass this one-time link to the receiver so they confirm it: %(link)s")
            % {"link": link},
        )
    return redirect("appeals:coordinate", slug=appeal.slug)


@login_required
@require_POST
def cash_confirm(request, slug, code):
    appeal = get_appeal_for_user(request.user, slug, need="coordinate")
    transfer = CashTransfer.objects.filter(point__appeal=appeal, code=code).first()
    if transfer is None:
        raise Http404
    attempt(
        request,
        lambda: services.cash_transfer_sender_confirm(actor=request.user, transfer=transfer),
        _("Sending confirmed."),
    )
    return redirect("appeals:coordinate", slug=appeal.slug)


# --- a convoy ----------------------------------------------------------------------------------------------


def _convoy_page(request, convoy, *, load_forms=None, status=200):
    trucks = list(convoy.trucks.prefetch_related("lines__item", "lines__point__organisation"))
    choices = _stock_choices(convoy.appeal) if convoy.status in ("planned", "loading") else []
    load_forms = load_forms or {}
    return render(
        request,
        "appeals/convoy.html",
        {
            "convoy": convoy,
            "appeal": convoy.appeal,
            "trucks": [(t, load_forms.get(t.pk) or LoadForm(stock_choices=choices, prefix=f"t{t.pk}")) for t in trucks],
            "truck_form": TruckForm(),
            "handover": convoy.handovers.filter(used_at__isnull=False).first(),
        },
        status=status,
    )


@login_required
@require_safe
def convoy(request, code):
    return _convoy_page(request, get_convoy_for_user(request.user, code))


@login_required
@require_POST
def truck_add(request, code):
    convoy = get_convoy_for_user(request.user, code)
    form = TruckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A truck needs its plate."))
    else:
        attempt(
            request,
            lambda: services.truck_add(actor=request.user, convoy=convoy, **form.cleaned_data),
            _("The truck was added."),
        )
    return redirect("appeals:convoy", code=convoy.code)


@login_required
@require_POST
def truck_load(request, code, truck):
    convoy = get_convoy_for_user(request.user, code)
    truck = Truck.objects.filter(convoy=convoy, code=truck).first()
    if truck is None:
        raise Http404
    form = LoadForm(request.POST, stock_choices=_stock_choices(convoy.appeal), prefix=f"t{truck.pk}")
    if form.is_valid():
        try:
            wanted = form.lines()
            points = CollectionPoint.objects.select_related("organisation").in_bulk({p for p, _i, _q in wanted})
            items = Item.objects.in_bulk({i for _p, i, _q in wanted})
            lines = [(points[p], items[i], q) for p, i, q in wanted]
            created = services.manifest_load(actor=request.user, truck=truck, lines=lines)
        except Refused as refused:
            form.add_error(None, refused.message)
        except Exception as error:  # a ValidationError from lines()
            if not hasattr(error, "messages"):
                raise
            form.add_error(None, error)
        else:
            messages.success(request, _("Loaded: %(count)s lines.") % {"count": len(created)})
            return redirect("appeals:convoy", code=convoy.code)
    return _convoy_page(request, convoy, load_forms={truck.pk: form}, status=400)


@login_required
@require_POST
def convoy_step(request, code, step):
    convoy = get_convoy_for_user(request.user, code)
    if step == "handover":
        try:
            _handover, token = services.handover_issue(actor=request.user, convoy=convoy)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            link = request.build_absolute_uri(reverse("appeals:handover", args=[token]))
            messages.success(
                request,
                _(
                    "Pass this one-time link to the receiving partner; it works once, for 14 days, and is shown only now: %(link)s"
                )
                % {"link": link},
            )
        return redirect("appeals:convoy", code=convoy.code)
    steps = {
        "depart": (services.convoy_depart, _("The departure is recorded.")),
        "arrive": (services.convoy_arrive, _("The arrival is recorded. Issue the handover link for the partner.")),
        "close": (services.convoy_close, _("The convoy is closed.")),
    }
    if step not in steps:
        raise Http404
    call, done = steps[step]
    attempt(request, lambda: call(actor=request.user, convoy=convoy), done)
    return redirect("appeals:convoy", code=convoy.code)


def tonnes(lines: list[ManifestLine]) -> Decimal:
    return sum((line.quantity * line.item.kg_per_unit for line in lines), Decimal(0)) / 1000
