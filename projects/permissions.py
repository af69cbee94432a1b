"""The one way a view fetches a project it may change: the rules of its organisation apply."""

from django.http import Http404

from members.permissions import check
from projects.models import Project


def get_project_for_user(user, code: str, *, need: str = "edit") -> Project:
    try:
        project = Project.objects.select_related("organisation").get(code=code)
    except Project.DoesNotExist:
        raise Http404 from None
    check(user, project.organisation, need)
    return project
