"""What the technical team's review of projects means for an organisation's editors and admins, on "My
organisations" (core.todo) and by email in each person's language: a project, or changes to a published one,
returned with the team's comment, to correct and send again; a project published, changes approved."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import mail, todo
from core.i18n import sentence
from core.models import AuditEvent
from members.models import Affiliation
from members.permissions import NEEDS, organisations_for
from projects.models import Project, ProjectRevision


def items(user) -> list[todo.Todo]:
    organisations = organisations_for(user, "edit")
    projects = Project.objects.filter(organisation__in=organisations).select_related("organisation")
    found = []
    for project in projects.filter(review_state=Project.Review.RETURNED).order_by("-updated_at"):
        found.append(
            todo.Todo(
                todo.ACTION,
                sentence(
                    _(
                        "The technical team returned the project %(title)s of %(organisation)s: correct it and send it again."
                    ),
                    title=project.title or project.code,
                    organisation=project.organisation.name,
                ),
                reverse("projects:edit", args=[project.organisation.slug, project.code]),
                at=project.updated_at,
                note=project.review_comment,
            )
        )
    revisions = ProjectRevision.objects.filter(
        project__in=projects,
        state__in=(ProjectRevision.State.RETURNED, ProjectRevision.State.APPROVED),
        decided_at__gte=todo.news_since(),
    ).select_related("project__organisation")
    for revision in revisions.order_by("-decided_at"):
        project = revision.project
        names = {"title": project.title or project.code, "organisation": project.organisation.name}
        if revision.state == ProjectRevision.State.RETURNED:
            if ProjectRevision.objects.filter(project=project, proposed_at__gt=revision.decided_at).exists():
                continue  # changes sent again since
            found.append(
                todo.Todo(
                    todo.ACTION,
                    sentence(
                        _(
                            "The technical team returned the changes to the published project %(title)s of "
                            "%(organisation)s: correct them and send them again."
                        ),
                        **names,
                    ),
                    reverse("projects:edit", args=[project.organisation.slug, project.code]),
                    at=revision.decided_at,
                    note=revision.comment,
                )
            )
        else:
            found.append(
                todo.Todo(
                    todo.NEWS,
                    sentence(_("The changes to the project %(title)s of %(organisation)s are public."), **names),
                    reverse("projects:detail", args=[project.code]),
                    at=revision.decided_at,
                )
            )
    published = projects.filter(review_state=Project.Review.PUBLISHED, published_at__gte=todo.news_since())
    for project in published.order_by("-published_at"):
        found.append(
            todo.Todo(
                todo.NEWS,
                sentence(
                    _("The project %(title)s of %(organisation)s was published."),
                    title=project.title or project.code,
                    organisation=project.organisation.name,
                ),
                reverse("projects:detail", args=[project.code]),
                at=project.published_at,
            )
        )
    return found


def _editors(project: Project):
    return [
        a.person
        for a in Affiliation.objects.filter(organisation=project.organisation, role__in=NEEDS["edit"])
        .select_related("person")
        .order_by("person_id")
    ]


RETURNED = (AuditEvent.Action.PROJECT_RETURNED, AuditEvent.Action.PROJECT_CHANGE_RETURNED)
TEMPLATES = {
    AuditEvent.Action.PROJECT_RETURNED: "projects/email/returned",
    AuditEvent.Action.PROJECT_PUBLISHED: "projects/email/published",
    AuditEvent.Action.PROJECT_CHANGE_RETURNED: "projects/email/changes_returned",
    AuditEvent.Action.PROJECT_CHANGE_APPROVED: "projects/email/changes_approved",
}


def announce(event: AuditEvent) -> None:
    """After a project, or changes to a published one, are returned or published: its organisation's editors and
    admins are told by email, with the technical team's comment."""
    project = Project.objects.select_related("organisation").filter(pk=event.target_id).first()
    if project is None:
        return
    returned = event.action in RETURNED
    comment = (event.data or {}).get("comment", "") if returned else ""
    mail.send_to_people(
        TEMPLATES[event.action],
        _editors(project),
        context=lambda language: {
            "project": project,
            "organisation": project.organisation,
            "comment": comment or (project.review_comment if returned else ""),
            "url": mail.absolute_url(
                "projects:edit" if returned else "projects:detail",
                language=language,
                args=[project.organisation.slug, project.code] if returned else [project.code],
            ),
            "todo_url": mail.absolute_url("members:dashboard", language=language),
        },
    )
