"""What an organisation's people do in capacity building: answer a needs round for their organisation (its admins
and editors, until the round closes), read its capacity profile; and what a trainer does: record attendance of
their own workshop, day by day, on a phone."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.services import Refused
from members.permissions import can
from trainings import selectors, services
from trainings.forms import AnswerForm, AttendanceForm, initial_answers
from trainings.models import Response
from trainings.permissions import get_profile_for_user, get_round_for_user, get_workshop_for_user


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, slug, organisation):
    training_round, organisation = get_round_for_user(request.user, slug, organisation, need="answer")
    questions = selectors.questionnaire_rows(training_round.questionnaire)
    response = Response.objects.filter(round=training_round, organisation=organisation).first()
    initial = initial_answers(response) if response else {}
    form = AnswerForm(request.POST or None, questions=questions, initial=initial)
    is_open = training_round.phase() == "open"
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_submit(
                    actor=request.user,
                    training_round=training_round,
                    organisation=organisation,
                    answers=form.answers(),
                    replace=form.cleaned_data["replace"],
                )
            except Refused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("Thank you: the answers were saved. You can change them until the round closes."),
                )
                return redirect("trainings:answer", slug=training_round.slug, organisation=organisation.slug)
        status = 400
    return render(
        request,
        "trainings/answer.html",
        {
            "round": training_round,
            "organisation": organisation,
            "form": form,
            "response": response,
            "is_open": is_open,
        },
        status=status,
    )


@login_required
@require_safe
def capacity(request, organisation):
    organisation = get_profile_for_user(request.user, organisation)
    return render(
        request,
        "trainings/capacity.html",
        {
            "organisation": organisation,
            "may_answer": can(request.user, organisation, "edit"),
            **selectors.capacity_profile(organisation),
        },
    )


@login_required
@require_safe
def my_workshops(request):
    return render(request, "trainings/my_workshops.html", {"workshops": selectors.trainer_workshops(request.user)})


@login_required
@require_safe
def attendance(request, slug):
    workshop = get_workshop_for_user(request.user, slug, need="attendance")
    days, trainees = selectors.attendance_sheet(workshop)
    return render(
        request,
        "trainings/attendance.html",
        {"workshop": workshop, "days": days, "trainees": trainees, "needed": workshop.days_needed(len(days) or 1)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_day(request, slug, date):
    workshop = get_workshop_for_user(request.user, slug, need="attendance")
    try:
        when = datetime.date.fromisoformat(date)
    except ValueError:
        raise Http404 from None
    day = workshop.days.filter(date=when).first()
    initial = {"present": list(day.attendances.values_list("trainee_id", flat=True))} if day else {}
    form = AttendanceForm(request.POST or None, workshop=workshop, initial=initial)
    status = 200 if day else 404
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attendance_record(
                    actor=request.user, workshop=workshop, date=when, present=form.cleaned_data["present"]
                )
            except Refused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The attendance of the day was saved."))
                return redirect("trainings:attendance", slug=workshop.slug)
        status = 400
    elif day is None:
        raise Http404
    return render(
        request, "trainings/attendance_day.html", {"workshop": workshop, "day": when, "form": form}, status=status
    )
