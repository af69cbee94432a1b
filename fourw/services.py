"""The imports' writes: a previewed 4W table or IATI file becomes draft projects (or updates) through
projects.services.project_save, all or nothing in one transaction, each project audited as imported. An update
of a published project is not applied: it waits for the technical team's review, as a change typed in the form
does."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.models import AuditEvent
from core.services import Refused
from fourw.iati_import import Result
from fourw.table_import import Preview
from members import services as member_services
from projects.models import Project, ProjectRevision
from projects.services import project_save


@transaction.atomic
def import_table(*, actor, preview: Preview) -> list[Project]:
    """Write every planned project of a 4W table whose preview has no error."""
    if not preview.ok:
        raise Refused(_("An import with errors writes nothing: correct the table and upload it again."))
    return [
        project_save(
            actor=actor,
            organisation=plan.organisation,
            project=plan.project,
            fields=plan.values,
            sectors=plan.sectors,
            places=plan.places,
            audit_action=AuditEvent.Action.PROJECT_IMPORTED,
            source=ProjectRevision.Source.TABLE,
        )
        for plan in preview.planned
    ]


@transaction.atomic
def import_iati(*, actor, result: Result, create_organisations_in=None) -> list[Project]:
    """Import every activity of a member organisation as a draft (an update when imported before). With
    `create_organisations_in` (a region), an organisation that is not a member is proposed as an
    applicant of that region and its activities are imported too; otherwise they are left out."""
    if result.error:
        raise Refused(result.error)
    done = []
    for activity in result.activities:
        if activity.errors:  # refused in the preview: its texts hide invisible characters
            continue
        if activity.organisation is None:
            if create_organisations_in is None:
                continue
            name = activity.proposed_organisation.split(" (")[0] or activity.identifier
            activity.organisation = member_services.organisation_propose(
                actor=actor,
                name=name,
                region=create_organisations_in,
                iati_identifier=activity.proposed_organisation.rsplit("(", 1)[-1].rstrip(")")
                if "(" in activity.proposed_organisation
                else "",
            )
        done.append(
            project_save(
                actor=actor,
                organisation=activity.organisation,
                project=activity.project,
                # The activity's identifier, so importing the same file again updates, not duplicates.
                fields={**activity.fields, "external_id": activity.identifier},
                sectors=activity.sectors,
                places=activity.places,
                outputs=activity.outputs,
                partners=activity.partners,
                flags=activity.flags,
                audit_action=AuditEvent.Action.PROJECT_IMPORTED,
                source=ProjectRevision.Source.IATI,
            )
        )
    return done
