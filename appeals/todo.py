"""What appeals ask of an organisation's people on "My organisations": record what arrives at their collection
points while the appeal is open; for an appeal's coordinators, the appeal's convoys and transfers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from appeals.models import Appeal
from appeals.permissions import points_for
from core import todo
from core.i18n import sentence


def items(user) -> list[todo.Todo]:
    if not user.is_authenticated:
        return []
    found = []
    for point in points_for(user).filter(appeal__status=Appeal.Status.OPEN):
        found.append(
            todo.Todo(
                todo.ACTION,
                sentence(
                    _("The appeal %(title)s is open: record what arrives at the collection point of %(organisation)s."),
                    title=point.appeal.title or point.appeal.slug,
                    organisation=point.organisation.name,
                ),
                reverse("appeals:point", args=[point.code]),
            )
        )
    for appeal in user.coordinated_appeals.all():
        found.append(
            todo.Todo(
                todo.ACTION,
                sentence(_("You coordinate the appeal %(title)s: its convoys and transfers."), title=appeal.title),
                reverse("appeals:coordinate", args=[appeal.slug]),
            )
        )
    return found
