"""The 4W page and its exports: the same selection as HTML (matrix, map, charts), CSV and XLSX with an
HXL hashtag row, and IATI XML."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coalition.models import Region
from core import reference
from members.models import Sector
from places.tree import tree
from projects import charts, fourw
from projects.forms import ImportForm
from projects.models import Project


class _Echo:
    def write(self, value):
        return value


def four_w(request):
    selection = fourw.Selection.from_query(request.GET, request.user)
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        return _csv(selection)
    if fmt == "xlsx":
        return _xlsx(selection)
    if fmt == "iati":
        from projects import iati

        xml = iati.export(selection.projects())
        response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="civnet-iati-activities.xml"'
        return response
    lang = translation.get_language()
    data = fourw.cached(selection, "matrix", fourw.matrix)
    data_series = fourw.cached(selection, "series", fourw.series)
    scope = selection.scope()
    context = {
        "selection": selection,
        "query": selection.query_string(),
        "matrix": data,
        "map": charts.map_svg(
            scope, fourw.cached(selection, "points", fourw.points), lang=lang, title=_("Map of people reached")
        ),
        "chart_sector": charts.bars_svg(
            data_series["sector"], rtl=translation.get_language_bidi(), title=_("People reached by sector")
        ),
        "chart_region": charts.bars_svg(
            data_series["region"], rtl=translation.get_language_bidi(), title=_("People reached by region")
        ),
        "chart_year": charts.bars_svg(
            data_series["year"], rtl=translation.get_language_bidi(), title=_("People reached by year")
        ),
        "regions": reference.cached("regions", lambda: list(Region.objects.all())),
        "sectors": reference.cached("sectors", lambda: list(Sector.objects.all())),
        "place_choices": _place_choices(),
        "statuses": Project.Status.choices,
    }
    return render(request, "projects/fourw.html", context)


def _place_choices():
    """The governorates of the coalition's regions with their districts and sub-districts, for the filter."""
    places = tree()
    governorates = set()
    for region in reference.cached("regions-places", lambda: list(Region.objects.prefetch_related("places"))):
        for place in region.places.all():
            node = places.ancestor(place.pk, 1)
            if node:
                governorates.add(node.pk)
    out = []

    def walk(node, depth):
        out.append((node, depth))
        if depth < 2:
            for child in sorted(places.children.get(node.pk, []), key=lambda n: n.pcode):
                walk(child, depth + 1)

    for pk in sorted(governorates, key=lambda pk: places.nodes[pk].pcode):
        walk(places.nodes[pk], 0)
    return out


def _header():
    return [name for name, _tag in fourw.COLUMNS], [tag for _name, tag in fourw.COLUMNS]


def _csv(selection):
    writer = csv.writer(_Echo())

    def stream():
        names, tags = _header()
        yield writer.writerow(names)
        yield writer.writerow(tags)
        with translation.override("en"):
            for row in fourw.table_rows(selection):
                yield writer.writerow(["" if v is None else v for v in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="civnet-4w.csv"'
    return response


def _xlsx(selection):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("4W")
    names, tags = _header()
    sheet.append(names)
    sheet.append(tags)
    with translation.override("en"):
        for row in fourw.table_rows(selection):
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="civnet-4w.xlsx"'
    return response


# --- importing a 4W table ----------------------------------------------------------------------------

IMPORT_TTL = 3600


def _allowed(user):
    """None for the technical team (every organisation), else the organisations the user edits."""
    from core.permissions import is_technical_team
    from members.models import Affiliation

    if is_technical_team(user):
        return None
    return set(
        Affiliation.objects.filter(person=user, role__in=("admin", "editor")).values_list("organisation_id", flat=True)
    )


def _is_xml(name: str, data: bytes) -> bool:
    return name.lower().endswith(".xml") or data.lstrip()[:1] == b"<"


def _read(name, data, allowed):
    """A 4W table preview, or an IATI file's activities, for the same page."""
    from projects import iati_import, importing

    if _is_xml(name, data):
        return None, iati_import.read(data, allowed_organisations=allowed)
    return importing.preview(name, data, allowed_organisations=allowed), None


@login_required
@require_http_methods(["GET", "POST"])
def import_table(request):
    import secrets

    from django.core.cache import cache
    from django.http import Http404

    from projects import iati_import, importing

    allowed = _allowed(request.user)
    if allowed is not None and not allowed:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = activities = token = None
    if request.method == "POST" and request.POST.get("token"):
        key = f"import:{request.user.pk}:{request.POST['token']}"
        stored = cache.get(key)
        if stored is None:
            messages.error(request, _("This preview expired; upload the file again."))
            return redirect("projects:import")
        preview, activities = _read(stored["name"], stored["data"], allowed)
        if activities is not None and not activities.error:
            done = iati_import.apply(activities, actor=request.user)
        elif preview is not None and preview.ok:
            done = importing.apply(preview, actor=request.user)
        else:
            done = None
        if done is not None:
            cache.delete(key)
            messages.success(request, _("%(n)s projects were imported.") % {"n": len(done)})
            return redirect("projects:import")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(importing.tables.MAX_BYTES + 1)
        if len(data) > importing.tables.MAX_BYTES:
            preview = importing.Preview([], [], str(_("The file is larger than 5 MB.")))
        else:
            preview, activities = _read(upload.name, data, allowed)
        if (preview is not None and preview.ok) or (
            activities is not None and not activities.error and activities.importable
        ):
            token = secrets.token_urlsafe(16)
            cache.set(f"import:{request.user.pk}:{token}", {"name": upload.name, "data": data}, IMPORT_TTL)
    return render(
        request, "projects/import.html", {"form": form, "preview": preview, "activities": activities, "token": token}
    )
