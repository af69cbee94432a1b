"""Coalition-wide roles. Object-level helpers live beside each model (members/permissions.py ...)."""

from functools import wraps

from django.http import Http404


def is_technical_team(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.coalition_role == "technical_team")


def technical_team_required(view):
    """Back-office views: anyone else gets 404, so the back-office does not announce itself."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_technical_team(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
