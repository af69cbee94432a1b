"""The technical team's capacity-building pages: questionnaires and their versions (and the XLSForm), rounds and
their full results and files, workshops with their days, invitations, trainers, trainees and certificates, and the
reports for a workshop, a project or a period. Anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.i18n import direction
from core.permissions import technical_team_required
from core.services import Refused
from core.views import attempt
from projects.models import Project
from trainings import exports, selectors, services
from trainings.forms import (
    InvitationForm,
    PeriodForm,
    QuestionForm,
    QuestionnaireForm,
    RoundForm,
    TraineeForm,
    TrainerForm,
    WorkshopForm,
)
from trainings.models import Questionnaire, Round, Workshop
from trainings.permissions import get_workshop_for_user
from trainings.views import XLSX, needs_chart, needs_download


@technical_team_required
@require_safe
def index(request):
    return render(
        request,
        "trainings/office/index.html",
        {
            "questionnaires": Questionnaire.objects.all(),
            "rounds": Round.objects.select_related("questionnaire"),
            "workshops": selectors.workshops_with_days().order_by("-first_day"),
            "period_form": PeriodForm(),
        },
    )


# --- questionnaires ----------------------------------------------------------------------------------------


@technical_team_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request, slug=None, version=None):
    item = get_object_or_404(Questionnaire, slug=slug, version=version) if slug else Questionnaire()
    form = QuestionnaireForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        target = Questionnaire.objects.get(pk=item.pk) if item.pk else Questionnaire()
        try:
            item = services.questionnaire_save(actor=request.user, questionnaire=target, fields=form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The questionnaire was saved."))
            return redirect("trainings:questionnaire_edit", slug=item.slug, version=item.version)
    return render(
        request,
        "trainings/office/questionnaire.html",
        {
            "questionnaire": item,
            "form": form,
            "questions": selectors.questionnaire_rows(item) if item.pk else [],
            "question_form": QuestionForm(),
            "frozen": item.pk and item.is_frozen(),
        },
    )


@technical_team_required
@require_POST
def question_add(request, slug, version):
    item = get_object_or_404(Questionnaire, slug=slug, version=version)
    form = QuestionForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.question_add(
                actor=request.user, questionnaire=item, fields=form.question_fields(), options=form.options
            ),
            _("The question was added."),
        )
    else:
        messages.error(request, _("The question could not be added: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("trainings:questionnaire_edit", slug=item.slug, version=item.version)


@technical_team_required
@require_POST
def questionnaire_version(request, slug, version):
    item = get_object_or_404(Questionnaire, slug=slug, version=version)
    copy = services.questionnaire_new_version(actor=request.user, questionnaire=item)
    messages.success(request, _("Version %(n)s was started from the latest version.") % {"n": copy.version})
    return redirect("trainings:questionnaire_edit", slug=copy.slug, version=copy.version)


@technical_team_required
@require_safe
def xlsform(request, slug, version):
    item = get_object_or_404(Questionnaire, slug=slug, version=version)
    response = HttpResponse(exports.xlsform_bytes(item), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-v{item.version}-xlsform.xlsx"'
    return response


# --- rounds ----------------------------------------------------------------------------------------------------


@technical_team_required
@require_http_methods(["GET", "POST"])
def round_edit(request, slug=None):
    item = get_object_or_404(Round, slug=slug) if slug else Round()
    form = RoundForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        target = Round.objects.get(pk=item.pk) if item.pk else Round()
        try:
            item = services.round_save(
                actor=request.user,
                training_round=target,
                fields=form.round_fields(),
                regions=form.cleaned_data["regions"],
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The round was saved."))
            return redirect("trainings:round_results", slug=item.slug)
    return render(request, "trainings/office/round_form.html", {"round": item, "form": form})


@technical_team_required
@require_safe
def round_results(request, slug):
    """The full results, counts below 5 included, and who answered: for the technical team only."""
    item = get_object_or_404(Round.objects.select_related("questionnaire"), slug=slug)
    matrix = selectors.needs_matrix(item)
    return render(
        request,
        "trainings/office/round.html",
        {
            "round": item,
            "matrix": matrix,
            "chart": needs_chart(matrix),
            "results": selectors.question_results(item, public=False),
            "responses": item.responses.select_related("organisation").order_by("organisation__slug"),
        },
    )


@technical_team_required
@require_safe
def round_file(request, slug, fmt):
    item = get_object_or_404(Round, slug=slug)
    return needs_download(selectors.needs_matrix(item), f"{slug}-full", fmt)


# --- workshops --------------------------------------------------------------------------------------------------


@technical_team_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request, slug=None):
    item = get_object_or_404(Workshop, slug=slug) if slug else Workshop()
    form = WorkshopForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        target = Workshop.objects.get(pk=item.pk) if item.pk else Workshop()
        try:
            item = services.workshop_save(
                actor=request.user, workshop=target, fields=form.workshop_fields(), dates=form.cleaned_data["dates"]
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The workshop was saved."))
            return redirect("trainings:workshop_edit", slug=item.slug)
    return _workshop_page(request, item, form)


def _workshop_page(request, item, form, status=200, **bound):
    """The workshop's office page; a form of it posted with a problem (or a place search without JavaScript)
    comes back filled in, with the problem or the places found."""
    context = {"workshop": item, "form": form}
    if item.pk:
        days, trainees = selectors.attendance_sheet(item)
        context.update(
            days=days,
            trainees=trainees,
            trainers=item.trainers.select_related("user", "organisation"),
            invitations=item.invitations.select_related("organisation"),
            trainer_form=bound.get("trainer_form") or TrainerForm(prefix="trainer"),
            trainee_form=bound.get("trainee_form") or TraineeForm(prefix="trainee"),
            invitation_form=bound.get("invitation_form") or InvitationForm(prefix="invitation"),
            open_form=next(iter(bound), ""),
        )
    return render(request, "trainings/office/workshop.html", context, status=status)


@technical_team_required
@require_POST
def trainer_add(request, slug):
    item = get_workshop_for_user(request.user, slug, need="manage")
    form = TrainerForm(request.POST, prefix="trainer")
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "user_email"}
        email = form.cleaned_data["user_email"]
        if email:
            fields["user"] = get_user_model().objects.filter(email__iexact=email).first()
            if fields["user"] is None:
                messages.error(request, _("No account has this email address; the trainer was not added."))
                return redirect("trainings:workshop_edit", slug=item.slug)
        attempt(
            request,
            lambda: services.trainer_add(actor=request.user, workshop=item, fields=fields),
            _("The trainer was added."),
        )
    else:
        return _workshop_page(request, item, WorkshopForm(instance=item), 400, trainer_form=form)
    return redirect("trainings:workshop_edit", slug=item.slug)


@technical_team_required
@require_POST
def trainee_add(request, slug):
    item = get_workshop_for_user(request.user, slug, need="manage")
    form = TraineeForm(request.POST, prefix="trainee")
    if form.is_valid():
        attempt(
            request,
            lambda: services.trainee_add(actor=request.user, workshop=item, fields=form.cleaned_data),
            _("The trainee was added."),
        )
    else:
        return _workshop_page(request, item, WorkshopForm(instance=item), 400, trainee_form=form)
    return redirect("trainings:workshop_edit", slug=item.slug)


@technical_team_required
@require_POST
def invitation_set(request, slug):
    item = get_workshop_for_user(request.user, slug, need="manage")
    form = InvitationForm(request.POST, prefix="invitation")
    if form.is_valid():
        attempt(
            request,
            lambda: services.invitation_set(actor=request.user, workshop=item, **form.cleaned_data),
            _("The invitation was saved."),
        )
    else:
        return _workshop_page(request, item, WorkshopForm(instance=item), 400, invitation_form=form)
    return redirect("trainings:workshop_edit", slug=item.slug)


@technical_team_required
@require_POST
def certificates_issue(request, slug):
    item = get_workshop_for_user(request.user, slug, need="manage")
    issued = services.certificates_issue_all(actor=request.user, workshop=item)
    messages.success(
        request,
        translation.ngettext("%(count)s certificate was issued.", "%(count)s certificates were issued.", issued)
        % {"count": issued},
    )
    return redirect("trainings:workshop_edit", slug=item.slug)


# --- reports ---------------------------------------------------------------------------------------------------


def _report_page(request, workshops, heading):
    rep = selectors.report(workshops)
    return render(
        request,
        "trainings/office/report.html",
        {
            "heading": heading,
            "report": rep,
            "sentence": selectors.donor_sentence(rep),
            "rtl": direction(translation.get_language()) == "rtl",
        },
    )


@technical_team_required
@require_safe
def report_workshop(request, slug):
    item = get_object_or_404(Workshop, slug=slug)
    return _report_page(request, Workshop.objects.filter(pk=item.pk), str(item.title))


@technical_team_required
@require_safe
def report_project(request, code):
    project = get_object_or_404(Project, code=code)
    return _report_page(request, Workshop.objects.filter(project=project), str(project.title))


@technical_team_required
@require_safe
def report_period(request):
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "trainings/office/report.html", {"period_form": form, "report": None}, status=status)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    heading = _("From %(start)s to %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}
    return _report_page(request, selectors.workshops_for_period(start, end), heading)
