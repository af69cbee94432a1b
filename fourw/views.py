"""The public 4W page and its exports: the same selection as HTML (matrix, map, charts), CSV and XLSX
with an HXL hashtag row, and IATI XML. A filter naming nothing known gets the page with what is wrong (400),
never every project."""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fourw import iati, selectors, table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def index(request):
    selection = selectors.Selection.from_query(request.GET, request.user)
    if selection.errors:
        return render(request, "fourw/index.html", selectors.page(selection, request.user), status=400)
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        lines = table.csv_lines(selection.projects())
        return _download(StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8"), "civnet-4w.csv")
    if fmt == "xlsx":
        return _download(HttpResponse(table.xlsx_bytes(selection.projects()), content_type=XLSX), "civnet-4w.xlsx")
    if fmt == "iati":
        xml = iati.export(selection.projects())
        return _download(HttpResponse(xml, content_type="application/xml; charset=utf-8"), "civnet-iati-activities.xml")
    return render(request, "fourw/index.html", selectors.page(selection, request.user))
