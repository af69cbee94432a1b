"""Public pages of capacity building: the workshops with their aggregated figures, a page per workshop (no
trainee's name), the aggregated results of a closed needs round with its files, and the check of a certificate.
Every count of people or organisations below 5 shows as "fewer than 5"."""

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import mail
from core.i18n import direction
from core.ratelimit import client_ip, over_limit
from trainings import charts, exports, selectors
from trainings.models import Certificate, Round, Workshop

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figure_words(count, pct) -> str:
    if count is None:
        return _("fewer than 5")
    return f"{selectors.number(count)} · {pct}%"


def needs_chart(matrix: selectors.Matrix) -> str:
    lang = translation.get_language()
    pairs = [(row.label, row.total.share, _figure_words(row.total.count, row.total.share)) for row in matrix.rows]
    return charts.bars_svg(
        pairs, rtl=direction(lang) == "rtl", title=_("Share of the organisations that answered, by need")
    )


@require_safe
def index(request):
    upcoming, past = selectors.public_workshops()
    rep = selectors.report(Workshop.objects.filter(published=True))
    return render(
        request,
        "trainings/index.html",
        {
            "nav": "trainings",
            "upcoming": upcoming,
            "past": past,
            "report": rep,
            "figures": selectors.public_report(rep),
            "sentence": selectors.donor_sentence(rep, public=True),
            "rounds": Round.objects.filter(closes_at__lte=timezone.now()).order_by("-closes_at"),
        },
    )


@require_safe
def workshop(request, slug):
    item = get_object_or_404(selectors.workshops_with_days(Workshop.objects.filter(published=True)), slug=slug)
    rep = selectors.report(Workshop.objects.filter(pk=item.pk))
    return render(
        request,
        "trainings/workshop.html",
        {
            "nav": "trainings",
            "workshop": item,
            "days": item.days.all(),
            "trainers": selectors.public_trainers(item),
            "figures": selectors.public_report(rep),
            "sentence": selectors.donor_sentence(rep, public=True),
            "invitations": item.invitations.select_related("organisation"),
        },
    )


def _closed_round(slug) -> Round:
    training_round = get_object_or_404(Round.objects.select_related("questionnaire"), slug=slug)
    if training_round.phase() != "closed":
        raise Http404  # no organisation's answers are public while they can still change
    return training_round


@require_safe
def needs(request, slug):
    training_round = _closed_round(slug)
    matrix = selectors.needs_matrix(training_round).public()
    return render(
        request,
        "trainings/needs.html",
        {
            "nav": "trainings",
            "round": training_round,
            "matrix": matrix,
            "chart": needs_chart(matrix),
            "results": selectors.question_results(training_round, public=True),
            "workshops": training_round.workshops.filter(published=True),
            "csv_url": reverse("trainings:needs_file", args=[slug, "csv"]),
            "xlsx_url": reverse("trainings:needs_file", args=[slug, "xlsx"]),
        },
    )


def needs_download(matrix, slug: str, fmt: str) -> HttpResponse:
    rows = exports.needs_rows(matrix)
    if fmt == "csv":
        response = HttpResponse(exports.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(exports.xlsx_bytes(rows, slug), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="civnet-needs-{slug}.{fmt}"'
    return response


@require_safe
def needs_file(request, slug, fmt):
    training_round = _closed_round(slug)
    return needs_download(selectors.needs_matrix(training_round).public(), slug, fmt)


def certificate_context(certificate: Certificate) -> dict:
    trainee = certificate.trainee
    workshop = selectors.workshops_with_days(Workshop.objects.filter(pk=trainee.workshop_id)).get()
    return {
        "certificate": certificate,
        "trainee": trainee,
        "workshop": workshop,
        "trainers": selectors.public_trainers(workshop),
        "qr": certificate_qr(certificate),
    }


def certificate_qr(certificate: Certificate) -> SafeString:
    """The QR code of the certificate's public address (in the trainee's language), as inline SVG: no script and
    no style attribute, which the CSP allows."""
    url = mail.absolute_url("trainings:certificate", language=certificate.trainee.language, args=[certificate.code])
    qr = segno.make(url, error="m")
    return mark_safe(qr.svg_inline(scale=3, border=2, title=str(_("Where to check this certificate")), svgclass="qr"))  # noqa: S308 - segno's own SVG of our URL


@require_safe
def certificate(request, code):
    """Anyone may check a certificate by its code; the page shows what the certificate says and nothing else.
    Guessing codes is pointless (128 random bits) and limited anyway: 60 checks in 10 minutes per address."""
    if over_limit("certificate", client_ip(request), limit=60, seconds=600):
        return render(request, "429.html", status=429)
    item = get_object_or_404(
        Certificate.objects.select_related("trainee__workshop", "trainee__organisation"), code=code
    )
    context = certificate_context(item)
    context["page_lang"] = translation.get_language()
    with translation.override(item.trainee.language):
        context["certificate_html"] = render_to_string("trainings/_certificate.html", context, request=request)
    return render(request, "trainings/certificate.html", context)
