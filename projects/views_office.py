"""The technical team's review of projects: the queue by review state, and publishing a project or
returning it to its organisation with a comment."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import technical_team_required
from core.services import Refused
from projects import selectors, services
from projects.forms import ReviewForm
from projects.models import Project


@technical_team_required
def office_list(request):
    state = request.GET.get("state", Project.Review.SUBMITTED)
    return render(
        request,
        "projects/office/list.html",
        {"projects": selectors.review_queue(state), "state": state, "states": Project.Review.choices},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def office_review(request, code):
    project = get_object_or_404(
        Project.objects.select_related("organisation").prefetch_related("sectors", "places", "outputs"), code=code
    )
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
    return render(
        request,
        "projects/office/review.html",
        {"project": project, "form": form, "problems": services.issues_before_publishing(project)},
    )
