"""The technical team's back-office. Every view is for the technical team only (others get 404)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backoffice.forms import (
    BodyForm,
    CommunityForm,
    DecisionForm,
    MandateEndForm,
    MandateForm,
    RegionForm,
    StatusForm,
)
from coalition import services as coalition_services
from coalition.models import Body, Mandate, Region
from core.models import AuditEvent
from core.permissions import technical_team_required
from core.services import Refused
from members import services as member_services
from members.models import Application, Organisation
from members.views import search_organisations
from places import services as place_services
from places.models import Place


@technical_team_required
def index(request):
    return render(
        request,
        "backoffice/index.html",
        {
            "pending": Application.objects.filter(status=Application.Status.PENDING).count(),
            "statuses": Organisation.objects.values("status").annotate(n=Count("pk")).order_by("status"),
            "recent": AuditEvent.objects.all()[:10],
        },
    )


@technical_team_required
def applications(request):
    status = request.GET.get("status", Application.Status.PENDING)
    apps = (
        Application.objects.filter(status=status)
        .select_related("organisation__region")
        .annotate(duplicates=Count("possible_duplicates"))
    )
    return render(
        request,
        "backoffice/applications.html",
        {"applications": apps, "status": status, "statuses": Application.Status.choices},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def application(request, code):
    application = get_object_or_404(Application.objects.select_related("organisation__region"), code=code)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                member_services.application_accept(actor=request.user, application=application)
                messages.success(request, _("The application was accepted; the applicant was notified by email."))
            else:
                member_services.application_reject(
                    actor=request.user, application=application, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The application was rejected; the applicant was notified by email."))
        except Refused as refused:
            messages.error(request, refused.message)
        return redirect("backoffice:application", code=application.code)
    return render(
        request,
        "backoffice/application.html",
        {
            "application": application,
            "form": form,
            "sectors": application.organisation.sectors.all(),
            "duplicates": application.possible_duplicates.all(),
        },
    )


@technical_team_required
def organisations(request):
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    orgs = search_organisations(Organisation.objects.select_related("region"), query)
    if status:
        orgs = orgs.filter(status=status)
    page = Paginator(orgs.order_by("name_en"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/organisations.html",
        {"page": page, "query": query, "status": status, "statuses": Organisation.Status.choices},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def organisation(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("region"), slug=slug)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_services.organisation_set_status(
                actor=request.user,
                organisation=organisation,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The membership status was changed."))
        return redirect("backoffice:organisation", slug=organisation.slug)
    return render(
        request,
        "backoffice/organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "history": organisation.membership_changes.select_related("actor"),
            "affiliations": organisation.affiliations.select_related("person"),
            "events": AuditEvent.objects.filter(target_type="members.organisation", target_id=str(organisation.pk))[
                :50
            ],
        },
    )


@technical_team_required
def regions(request):
    return render(request, "backoffice/regions.html", {"regions": Region.objects.all()})


@technical_team_required
@require_http_methods(["GET", "POST"])
def region_edit(request, slug):
    region = get_object_or_404(Region, slug=slug)
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        coalition_services.region_update(
            actor=request.user, region=Region.objects.get(pk=region.pk), fields=form.cleaned_data
        )
        messages.success(request, _("The region was saved."))
        return redirect("backoffice:regions")
    return render(request, "backoffice/form.html", {"form": form, "title": region.name})


@technical_team_required
def bodies(request):
    bodies = Body.objects.select_related("region").annotate(seats=Count("mandates"))
    return render(request, "backoffice/bodies.html", {"bodies": bodies})


@technical_team_required
@require_http_methods(["GET", "POST"])
def body_edit(request, slug=None):
    body = get_object_or_404(Body, slug=slug) if slug else Body()
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        target = Body.objects.get(pk=body.pk) if body.pk else Body()
        body = coalition_services.body_save(actor=request.user, body=target, fields=form.cleaned_data)
        messages.success(request, _("The body was saved."))
        return redirect("backoffice:body", slug=body.slug)
    return render(request, "backoffice/form.html", {"form": form, "title": body.name if body.pk else _("New body")})


@technical_team_required
@require_http_methods(["GET", "POST"])
def body(request, slug):
    body = get_object_or_404(
        Body.objects.prefetch_related(
            Prefetch(
                "mandates", queryset=Mandate.objects.select_related("person", "organisation").order_by("-starts_on")
            )
        ),
        slug=slug,
    )
    form = MandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        coalition_services.mandate_add(actor=request.user, body=body, **form.cleaned_data)
        messages.success(request, _("The mandate was added."))
        return redirect("backoffice:body", slug=body.slug)
    return render(request, "backoffice/body.html", {"body": body, "form": form, "end_form": MandateEndForm()})


@technical_team_required
@require_POST
def mandate_end(request, pk):
    mandate = get_object_or_404(Mandate.objects.select_related("body"), pk=pk)
    form = MandateEndForm(request.POST)
    if form.is_valid():
        try:
            coalition_services.mandate_end(actor=request.user, mandate=mandate, **form.cleaned_data)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The mandate was ended; it stays in the history."))
    else:
        messages.error(request, _("Give the last day of the term and a reason."))
    return redirect("backoffice:body", slug=mandate.body.slug)


@technical_team_required
@require_http_methods(["GET", "POST"])
def communities(request):
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            place_services.community_add(actor=request.user, **form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The community was added."))
            return redirect("backoffice:communities")
    recent = Place.objects.filter(level=Place.Level.COMMUNITY).select_related("parent").order_by("-pk")[:50]
    return render(request, "backoffice/communities.html", {"form": form, "communities": recent})


@technical_team_required
def audit_trail(request):
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "backoffice/audit.html", {"page": page, "action": action, "actions": AuditEvent.Action.choices}
    )
