"""The technical team's pages about members: applications to review, organisations and their membership status,
new organisation names to review, and the seats organisations hold in the coalition's bodies."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalition.models import Body
from core.models import AuditEvent
from core.permissions import technical_team_required
from core.services import Refused
from core.views import attempt
from members import selectors, services
from members.forms import DecisionForm, MandateEndForm, MandateForm, NameChangeDecisionForm, StatusForm
from members.models import Application, Mandate, NameChange, Organisation
from members.selectors import search_organisations


@technical_team_required
@require_safe
def applications(request):
    status = request.GET.get("status", Application.Status.PENDING)
    found = (
        Application.objects.filter(status=status)
        .select_related("organisation__region")
        .annotate(duplicates=Count("possible_duplicates"))
    )
    return render(
        request,
        "members/office/applications.html",
        {"applications": found, "status": status, "statuses": Application.Status.choices},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def application(request, code):
    application = get_object_or_404(Application.objects.select_related("organisation__region"), code=code)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == DecisionForm.ACCEPT:
                decided = services.application_accept(actor=request.user, application=application)
            else:
                decided = services.application_reject(
                    actor=request.user, application=application, reason=form.cleaned_data["reason"]
                )
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            _decision_message(request, decided)
        return redirect("members:office_application", code=application.code)
    return render(
        request,
        "members/office/application.html",
        {
            "application": application,
            "form": form,
            "sectors": application.organisation.sectors.all(),
            "duplicates": application.possible_duplicates.all(),
        },
    )


def _decision_message(request, application: Application, *, again: bool = False) -> None:
    """The decision is recorded whatever happened to the email; a failed email is said as such, with its reason."""
    accepted = application.status == Application.Status.ACCEPTED
    if application.email_error:
        if accepted:
            message = _("The application was accepted, but the email could not be sent: %(reason)s")
        else:
            message = _("The application was rejected, but the email could not be sent: %(reason)s")
        messages.warning(request, message % {"reason": application.email_error})
    elif again:
        messages.success(request, _("The email was sent again."))
    elif accepted:
        messages.success(request, _("The application was accepted; the applicant was notified by email."))
    else:
        messages.success(request, _("The application was rejected; the applicant was notified by email."))


@technical_team_required
@require_POST
def application_email_resend(request, code):
    application = get_object_or_404(Application, code=code)
    try:
        application = services.application_email_resend(actor=request.user, application=application)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        _decision_message(request, application, again=True)
    return redirect("members:office_application", code=application.code)


@technical_team_required
@require_safe
def organisations(request):
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    found = search_organisations(Organisation.objects.select_related("region"), query)
    if status:
        found = found.filter(status=status)
    page = Paginator(found.order_by("name_en"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/office/organisations.html",
        {"page": page, "query": query, "status": status, "statuses": Organisation.Status.choices},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def organisation(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("region"), slug=slug)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt(
            request,
            lambda: services.organisation_set_status(
                actor=request.user,
                organisation=organisation,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            ),
            _("The membership status was changed."),
        )
        return redirect("members:office_organisation", slug=organisation.slug)
    return render(
        request,
        "members/office/organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "history": organisation.membership_changes.select_related("actor"),
            "name_change": selectors.pending_name_change(organisation),
            "affiliations": organisation.affiliations.select_related("person"),
            "events": AuditEvent.objects.filter(target_type="members.organisation", target_id=str(organisation.pk))[
                :50
            ],
        },
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def body(request, slug):
    """A body's seats, past and present, where the technical team gives a seat or ends one."""
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
        attempt(
            request,
            lambda: services.mandate_add(actor=request.user, body=body, **form.cleaned_data),
            _("The mandate was added."),
        )
        return redirect("members:office_body", slug=body.slug)
    return render(request, "members/office/body.html", {"body": body, "form": form, "end_form": MandateEndForm()})


@technical_team_required
@require_POST
def mandate_end(request, pk):
    mandate = get_object_or_404(Mandate.objects.select_related("body"), pk=pk)
    form = MandateEndForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.mandate_end(actor=request.user, mandate=mandate, **form.cleaned_data),
            _("The mandate was ended; it stays in the history."),
        )
    else:
        messages.error(request, _("Give the last day of the term and a reason."))
    return redirect("members:office_body", slug=mandate.body.slug)


@technical_team_required
@require_safe
def name_changes(request):
    """New organisation names waiting for review, each with what changes and the form to decide."""
    changes = [
        (change, selectors.similar_to_name_change(change), NameChangeDecisionForm(prefix=f"c{change.pk}"))
        for change in selectors.pending_name_changes()
    ]
    return render(request, "members/office/name_changes.html", {"name_changes": changes})


@technical_team_required
@require_POST
def name_change(request, code):
    name_change = get_object_or_404(NameChange.objects.select_related("organisation"), code=code)
    form = NameChangeDecisionForm(request.POST, prefix=f"c{name_change.pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    elif form.cleaned_data["decision"] == NameChangeDecisionForm.ACCEPT:
        attempt(
            request,
            lambda: services.name_change_accept(actor=request.user, name_change=name_change),
            _("The new name was accepted; it is public now."),
        )
    else:
        attempt(
            request,
            lambda: services.name_change_refuse(
                actor=request.user, name_change=name_change, reason=form.cleaned_data["reason"]
            ),
            _("The new name was refused; the organisation keeps its name."),
        )
    return redirect("members:office_name_changes")
