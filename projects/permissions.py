"""The one way a view fetches a project it may change (outsiders get 404) or see unpublished."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import is_technical_team
from members.permissions import NEEDS, roles_of
from projects.models import Project


def get_project_for_user(user, code: str, *, action: str = "edit") -> Project:
    try:
        project = Project.objects.select_related("organisation").get(code=code)
    except Project.DoesNotExist:
        raise Http404 from None
    if is_technical_team(user):
        return project
    roles = roles_of(user, project.organisation)
    if not roles:
        raise Http404
    if not roles & NEEDS[action]:
        raise PermissionDenied
    return project
