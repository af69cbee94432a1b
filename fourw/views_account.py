"""The import page (/4w/import/): an organisation's editors, or the technical team, upload a 4W table or
an IATI activity file, see the preview with every error, then confirm; nothing is written before."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.services import Refused
from fourw import iati_import, services, table, table_import
from fourw.forms import ImportForm
from fourw.permissions import get_import_scope_for_user
from projects.selectors import pending_revision

# How long an uploaded file waits for its confirmation.
IMPORT_TTL = 3600


def _is_xml(name: str, data: bytes) -> bool:
    return name.lower().endswith(".xml") or data.lstrip()[:1] == b"<"


def _read(name: str, data: bytes, allowed):
    """(a 4W table's preview, None) or (None, an IATI file's activities), for the same page."""
    if _is_xml(name, data):
        return None, iati_import.read(data, allowed_organisations=allowed)
    return table_import.preview(name, data, allowed_organisations=allowed), None


def _key(request, token: str) -> str:
    return f"import:{request.user.pk}:{token}"


@login_required
@require_http_methods(["GET", "POST"])
def import_table(request):
    allowed = get_import_scope_for_user(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = activities = token = None
    if request.method == "POST" and request.POST.get("token"):
        key = _key(request, request.POST["token"])
        stored = cache.get(key)
        if stored is None:
            messages.error(request, _("This preview expired; upload the file again."))
            return redirect("fourw:import")
        preview, activities = _read(stored["name"], stored["data"], allowed)
        try:
            if activities is not None and not activities.error:
                done = services.import_iati(actor=request.user, result=activities)
            elif preview is not None and preview.ok:
                done = services.import_table(actor=request.user, preview=preview)
            else:
                done = None
        except Refused as refused:
            messages.error(request, refused.message)
            done = None
        if done is not None:
            cache.delete(key)
            messages.success(request, _("%(n)s projects were imported.") % {"n": len(done)})
            waiting = sum(1 for project in done if pending_revision(project))
            if waiting:
                messages.info(
                    request,
                    ngettext(
                        "%(n)s change to a published project waits for the technical team's review; the published "
                        "version stays public until they approve it.",
                        "%(n)s changes to published projects wait for the technical team's review; the published "
                        "versions stay public until they approve them.",
                        waiting,
                    )
                    % {"n": waiting},
                )
            return redirect("fourw:import")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(table.MAX_BYTES + 1)
        if len(data) > table.MAX_BYTES:
            preview = table_import.Preview([], [], str(_("The file is larger than 5 MB.")))
        else:
            preview, activities = _read(upload.name, data, allowed)
        if (preview is not None and preview.ok) or (
            activities is not None and not activities.error and activities.importable
        ):
            token = secrets.token_urlsafe(16)
            cache.set(_key(request, token), {"name": upload.name, "data": data}, IMPORT_TTL)
    return render(
        request, "fourw/import.html", {"form": form, "preview": preview, "activities": activities, "token": token}
    )
