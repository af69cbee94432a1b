"""Public pages of appeals: the list, an appeal's public account (needs, collection points by region, what was
collected and sent), its CSV/XLSX export with HXL hashtags and its printable report, all three from
`selectors.public_account`; and the receiving partner's one-time links (a convoy's handover, a cash transfer)."""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from openpyxl import Workbook

from appeals import charts, selectors, services
from appeals.forms import HandoverForm, ReceiveForm
from appeals.models import Appeal, ManifestLine
from appeals.permissions import is_coordinator, points_for
from core.exports import csv_cell, xlsx_cells
from core.ratelimit import client_ip, over_limit
from core.services import Refused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECTIONS = {
    "collected": gettext_lazy("Goods collected"),
    "cash_received": gettext_lazy("Cash received"),
    "cash_sent": gettext_lazy("Cash sent"),
    "convoy_trucks": gettext_lazy("Trucks arrived"),
    "convoy_tonnes": gettext_lazy("Tonnes arrived"),
    "convoy_items": gettext_lazy("Goods arrived"),
}
COLUMNS = [
    (gettext_lazy("Figure"), "#meta+figure"),
    (gettext_lazy("Region"), "#adm1+name"),
    (gettext_lazy("Category or currency"), "#item+type"),
    (gettext_lazy("Unit"), "#indicator+unit"),
    (gettext_lazy("Convoy or transfers"), "#meta+convoy"),
    (gettext_lazy("Value"), "#indicator+value+num"),
]


@require_safe
def appeals(request):
    return render(request, "appeals/list.html", {"appeals": selectors.public_appeals(), "nav": "appeals"})


def _account(slug):
    return selectors.public_account(get_object_or_404(Appeal, slug=slug))


def _points_map(account):
    """The collection points on the map, numbered as in the list under it (sets each point's `map_number`)."""
    return charts.points_map(account.regions, lang=get_language(), rtl=get_language_bidi())


@require_safe
def appeal(request, slug):
    account = _account(slug)
    item = account.appeal
    return render(
        request,
        "appeals/detail.html",
        {
            "appeal": item,
            "account": account,
            "points_map": _points_map(account),
            "my_points": points_for(request.user, item),
            "coordinator": is_coordinator(request.user, item),
            "nav": "appeals",
        },
    )


@require_safe
def appeal_print(request, slug):
    account = _account(slug)
    context = {"appeal": account.appeal, "account": account, "points_map": _points_map(account)}
    return render(request, "appeals/print.html", context)


def _export_rows(account):
    for section, region, kind, unit, detail, value in account.rows():
        yield [str(SECTIONS[section]), region, kind, unit, detail, value]


@require_safe
def appeal_export(request, slug, fmt):
    account = _account(slug)
    names = [str(name) for name, _tag in COLUMNS]
    tags = [tag for _name, tag in COLUMNS]
    filename = f"civnet-appeal-{account.appeal.slug}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # a BOM: spreadsheets opened by double-click then read Arabic as UTF-8
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerow(tags)
        for row in _export_rows(account):
            writer.writerow([csv_cell(v) for v in row])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet("appeal")
        sheet.append(names)
        sheet.append(tags)
        for row in _export_rows(account):
            sheet.append(xlsx_cells(sheet, row))
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _limited(request, scope) -> bool:
    return request.method == "POST" and over_limit(scope, client_ip(request), limit=20, seconds=600)


@require_http_methods(["GET", "POST"])
def handover(request, token):
    """The receiving partner's confirmation of a convoy, by the one-time link the coordinators passed on: no
    account needed. A used or expired link answers 404 with nothing written."""
    if _limited(request, "appeal-handover"):
        return render(request, "429.html", status=429)
    found = services.handover_by_token(token)
    if found is None:
        raise Http404
    lines = list(
        ManifestLine.objects.filter(truck__convoy=found.convoy).select_related("item", "truck").order_by("truck", "pk")
    )
    form = HandoverForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_confirm(
                token=token,
                outcomes=form.outcomes(),
                received_by=form.cleaned_data["received_by"],
                note=form.cleaned_data["note"],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Thank you: the handover is recorded. This link no longer works."))
            return redirect("appeals:detail", slug=found.convoy.appeal.slug)
    return render(request, "appeals/handover.html", {"handover": found, "convoy": found.convoy, "form": form})


@require_http_methods(["GET", "POST"])
def cash_receive(request, token):
    if _limited(request, "appeal-cash-receive"):
        return render(request, "429.html", status=429)
    transfer = services.transfer_by_token(token)
    if transfer is None:
        raise Http404
    form = ReceiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cash_transfer_receive(token=token, received_by=form.cleaned_data["received_by"])
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Thank you: the receipt of the money is recorded. This link no longer works."))
            return redirect("appeals:detail", slug=transfer.point.appeal.slug)
    return render(request, "appeals/cash_receive.html", {"transfer": transfer, "form": form})
