"""The technical team's back-office: its dashboard (everything waiting for them, the officer's home after signing
in) and the audit trail as sentences (each app has its own office pages, which extend this app's office template).
Every view is for the technical team only (others get 404)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from backoffice import selectors
from core.models import AuditEvent
from core.permissions import technical_team_required


@technical_team_required
@require_safe
def index(request):
    return render(
        request,
        "backoffice/index.html",
        {
            **selectors.waiting(),
            "statuses": selectors.organisations_by_status(),
            "recent": selectors.recent_events(),
        },
    )


@technical_team_required
@require_safe
def audit_trail(request):
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/audit.html",
        {
            "page": page,
            "action": action,
            "actions": AuditEvent.Action.choices,
        },
    )
