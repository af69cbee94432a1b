"""The technical team's back-office: its dashboard and the audit trail (each app has its own office pages, which
extend this app's office template). Every view is for the technical team only (others get 404)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.models import AuditEvent
from core.permissions import technical_team_required
from core.services import Refused
from members.models import Application, Organisation
from projects import services as project_services
from projects.forms import ReviewForm
from projects.models import Project


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
def audit_trail(request):
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "backoffice/audit.html", {"page": page, "action": action, "actions": AuditEvent.Action.choices}
    )


@technical_team_required
def projects(request):
    state = request.GET.get("state", Project.Review.SUBMITTED)
    items = Project.objects.filter(review_state=state).select_related("organisation").order_by("-updated_at")[:200]
    return render(
        request, "backoffice/projects.html", {"projects": items, "state": state, "states": Project.Review.choices}
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def project(request, code):
    project = get_object_or_404(
        Project.objects.select_related("organisation").prefetch_related("sectors", "places", "outputs"), code=code
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                project_services.project_publish(actor=request.user, project=project)
                messages.success(request, _("The project was published."))
            else:
                project_services.project_return(
                    actor=request.user, project=project, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("The project was returned to the organisation."))
        except project_services.NotPublishable:
            messages.error(request, _("The project has problems to correct before it can be published."))
        except Refused as refused:
            messages.error(request, refused.message)
        return redirect("backoffice:project", code=project.code)
    return render(
        request,
        "backoffice/project.html",
        {"project": project, "form": form, "problems": project_services.issues_before_publishing(project)},
    )
