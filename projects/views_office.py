"""The technical team's review of projects: the queue by review state (and of changes to published
projects), publishing a project or returning it to its organisation with a comment, and approving or
returning a change to a published project after seeing what it changes, field by field."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.permissions import technical_team_required
from core.services import Refused
from projects import selectors, services
from projects.forms import ReviewForm, RevisionReviewForm
from projects.models import Project


@technical_team_required
@require_safe
def office_list(request):
    state = request.GET.get("state", Project.Review.SUBMITTED)
    states = [*Project.Review.choices, (selectors.CHANGES, _("Changes to published projects"))]
    return render(
        request,
        "projects/office/list.html",
        {"projects": selectors.review_queue(state), "state": state, "states": states},
    )


def _review_page(request, project, *, form=None, revision_form=None, status=200):
    pending = selectors.pending_revision(project)
    return render(
        request,
        "projects/office/review.html",
        {
            "project": project,
            "form": form or ReviewForm(),
            "problems": services.issues_before_publishing(project),
            "pending": pending,
            "changes": selectors.revision_changes(pending) if pending else [],
            "revision_form": revision_form or RevisionReviewForm(),
        },
        status=status,
    )


def _project(code):
    return get_object_or_404(
        Project.objects.select_related("organisation").prefetch_related("sectors", "places", "outputs"), code=code
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def office_review(request, code):
    project = _project(code)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                services.project_publish(actor=request.user, project=project)
                messages.success(request, _("The project was published."))
            else:
                services.project_return(actor=request.user, project=project, comment=form.cleaned_data["comment"])
                messages.success(request, _("The project was returned to the organisation."))
        except services.NotPublishable:
            messages.error(request, _("The project has problems to correct before it can be published."))
        except Refused as refused:
            messages.error(request, refused.message)
        return redirect("projects:office_review", code=project.code)
    return _review_page(request, project, form=form)


@technical_team_required
@require_POST
def office_revision(request, code):
    """Approve the change waiting for review (it becomes public at once) or return it with a comment (the
    published version stays)."""
    project = _project(code)
    revision = selectors.pending_revision(project)
    if revision is None:
        messages.error(request, _("No change waits for review on this project."))
        return redirect("projects:office_review", code=project.code)
    form = RevisionReviewForm(request.POST)
    if not form.is_valid():
        return _review_page(request, project, revision_form=form)
    try:
        if form.cleaned_data["decision"] == "approve":
            services.revision_approve(actor=request.user, revision=revision)
            messages.success(request, _("The changes were approved: the project's page now shows them."))
        else:
            services.revision_return(actor=request.user, revision=revision, comment=form.cleaned_data["comment"])
            messages.success(request, _("The changes were returned to the organisation; the published version stays."))
    except Refused as refused:  # NotPublishable too: its message lists the problems
        messages.error(request, refused.message)
    return redirect("projects:office_review", code=project.code)
