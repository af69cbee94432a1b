"""The forms that work offline: a kind (the value of the form's `data-offline` attribute) names the URL the form
posts to and says in words what a record of it is. A record is dispatched only to the view of its kind's URL.

Making a further form offline-capable (docs/offline.md): add `data-offline="<kind>"` to the form in its template
and one line here. Nothing else: the outbox posts the form's own fields to the form's own view."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    url_name: str  # the URL name the form posts to; its view receives the record, exactly as online
    label: str  # what one record is, for the outbox page


KINDS = {
    "activity": Kind("newsletters:activity_new", _("Activity")),
    "project": Kind("projects:create", _("Project draft")),
    "project-paste": Kind("projects:paste", _("Project draft from pasted text")),
    "intake": Kind("appeals:intake", _("Goods received at a collection point")),
    "cash": Kind("appeals:cash", _("Cash donation at a collection point")),
    "attendance": Kind("trainings:attendance_day", _("Attendance of a workshop day")),
    "roll-call": Kind("governance:office_attendance", _("Roll call of an assembly")),
}


def labels() -> dict[str, str]:
    return {key: str(kind.label) for key, kind in KINDS.items()}
