"""The pages where an organisation's editors record its projects: the list, the form, reading projects
out of pasted text, and submitting a project for review. A change to a published project waits for the
technical team's review: the form says so, and shows the change waiting."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.shortcuts import redirect, render
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.services import Refused
from members.permissions import can, get_organisation_for_user
from projects import extraction, selectors, services, validation
from projects.forms import LinkFormSet, OutputFormSet, PartnerFormSet, PasteForm, ProjectForm
from projects.models import Project
from projects.permissions import get_project_for_user


@login_required
@require_safe
def org_projects(request, slug):
    """The organisation's projects: every one of its people sees them, its admins and editors change them (and
    import 4W tables or IATI files from here)."""
    organisation = get_organisation_for_user(request.user, slug, need="view")
    projects = selectors.organisation_projects(organisation)
    rows = [(p, validation.blocking(services.issues_before_publishing(p))) for p in projects]
    return render(
        request,
        "projects/org_projects.html",
        {"organisation": organisation, "rows": rows, "can_edit": can(request.user, organisation, "edit")},
    )


def _kept(formset, *keys) -> list[dict]:
    """The rows of an inline formset that are filled in and not marked for deletion."""
    return [
        {k: f.cleaned_data[k] for k in keys}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _initial(project, proposed) -> tuple[dict, dict]:
    """What the form and its formsets show: the project, with the change waiting for review laid over it, so
    an editor goes on from their own proposal rather than from the published version."""
    if project is None:
        return {}, {"outputs": [], "partners": [], "links": []}
    fields = dict(proposed["fields"]) if proposed else {}
    for key in ("sectors", "places"):
        items = proposed and proposed[key]
        fields[key] = [x.pk for x in (items if items is not None else getattr(project, key).all())]
    rows = {
        "outputs": [
            {"quantity": o.quantity, "unit": o.unit, "description": o.description} for o in project.outputs.all()
        ],
        "partners": [{"name": p.name, "role": p.role} for p in project.partners.order_by("pk")],
        "links": [{"kind": lk.kind, "url": lk.url, "title": lk.title} for lk in project.links.order_by("pk")],
    }
    for key in rows:
        if proposed and proposed[key] is not None:
            rows[key] = proposed[key]
    return fields, rows


def _saved_message(project) -> str:
    if project.review_state != Project.Review.PUBLISHED:
        return _("The project was saved.")
    if selectors.pending_revision(project):
        return _(
            "Your changes wait for the technical team's review; the published version stays public until they "
            "approve them."
        )
    return _("Nothing waits for review: the published version is unchanged.")


def _edit(request, organisation, project=None):
    pending = selectors.pending_revision(project)
    initial, rows = _initial(project, selectors.revision_values(pending) if pending else None)
    data = request.POST or None
    form = ProjectForm(data, instance=project, initial=initial)
    outputs = OutputFormSet(data, initial=rows["outputs"], prefix="outputs")
    partners = PartnerFormSet(data, initial=rows["partners"], prefix="partners")
    links = LinkFormSet(data, initial=rows["links"], prefix="links")
    formsets_valid = (
        all([outputs.is_valid(), partners.is_valid(), links.is_valid()]) if request.method == "POST" else False
    )
    if request.method == "POST" and form.is_valid() and formsets_valid:
        try:
            project = services.project_save(
                actor=request.user,
                organisation=organisation,
                project=project,
                fields=form.service_fields(),
                sectors=list(form.cleaned_data["sectors"]),
                places=list(form.cleaned_data["places"]),
                outputs=_kept(outputs, "quantity", "unit", "description"),
                partners=_kept(partners, "name", "role"),
                links=_kept(links, "kind", "url", "title"),
            )
        except services.NotPublishable as refused:
            for problem in refused.problems:
                form.add_error(None, problem.message)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            if request.POST.get("then") == "submit":
                _submit_saved(request, project)
            else:
                messages.success(request, _saved_message(project))
            return redirect("projects:edit", slug=organisation.slug, code=project.code)
    problems = services.issues_before_publishing(project) if project else []
    return render(
        request,
        "projects/form.html",
        {
            "organisation": organisation,
            "project": project,
            "form": form,
            "outputs": outputs,
            "partners": partners,
            "links": links,
            "problems": problems,
            "pending": pending,
            "changes": selectors.revision_changes(pending) if pending else [],
            "returned": selectors.returned_revision(project) if project and not pending else None,
            "submittable": project is None or project.review_state in (Project.Review.DRAFT, Project.Review.RETURNED),
            "deletable": selectors.deletable(project),
        },
    )


def _submit_saved(request, project) -> None:
    """ "Save and submit": the edits are saved first, whatever the submission's fate, and the page says both."""
    try:
        services.project_submit(actor=request.user, project=project)
    except services.NotPublishable:
        messages.error(
            request,
            _("The project was saved, but it has problems to correct before it can be submitted: see the list below."),
        )
    except Refused as refused:
        messages.success(request, _saved_message(project))
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The project was saved and submitted to the technical team."))


@login_required
@require_http_methods(["GET", "POST"])
def create(request, slug):
    return _edit(request, get_organisation_for_user(request.user, slug, need="edit"))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug, code):
    project = get_project_for_user(request.user, code, need="edit")
    if project.organisation.slug != slug:
        raise PermissionDenied
    return _edit(request, project.organisation, project)


@login_required
@require_http_methods(["GET", "POST"])
def paste(request, slug):
    """Paste text, see the projects CivNet found with where each value came from, confirm one by one."""
    organisation = get_organisation_for_user(request.user, slug, need="edit")
    try:
        form = PasteForm(request.POST or None)
    except RequestDataTooBig:  # beyond DATA_UPLOAD_MAX_MEMORY_SIZE: answer without reading the body
        form = PasteForm(data={})
        form.full_clean()
        form.errors["text"] = form.error_class(
            [PasteForm.base_fields["text"].error_messages["max_length"] % {"limit_value": extraction.MAX_TEXT}]
        )
        return render(request, "projects/paste.html", {"organisation": organisation, "form": form}, status=413)
    proposals = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        proposals = extraction.extract(text)
        chosen = form.cleaned_data.get("choose")
        if chosen is not None and chosen < len(proposals):
            try:
                project = services.project_from_proposal(
                    actor=request.user, organisation=organisation, proposal=proposals[chosen], text=text
                )
            except Refused as refused:
                form.add_error("text", refused.message)
            else:
                messages.success(request, _("The project was saved as a draft. Check it and correct what is flagged."))
                return redirect("projects:edit", slug=organisation.slug, code=project.code)
        if not proposals:
            form.add_error(
                "text", _("No project was found in this text: give at least its period or the people it reached.")
            )
    shown = [_shown_proposal(p) for p in proposals]
    return render(request, "projects/paste.html", {"organisation": organisation, "form": form, "proposals": shown})


def _shown_proposal(proposal):
    values = proposal.values()
    problems = validation.check(values, flags=proposal.flags)
    # Each highlighted piece says, in the reader's language, what it was read as.
    marks = sorted(
        [
            (f.start, f.end, capfirst(Project._meta.get_field(name).verbose_name))
            for name, f in proposal.fields.items()
            if not name.startswith(("title_", "description_", "status"))
        ]
        + [(f.start, f.end, _("Place")) for f in proposal.places]
        + [(o["start"], o["end"], _("Output")) for o in proposal.outputs]
        # what could not be read cleanly (an impossible date, a place to add) shows where it is written
        + [(f["start"], f["end"], _("To check")) for f in proposal.flags if f.get("end", 0) > f.get("start", 0)]
    )
    rows = [
        (Project._meta.get_field(name).verbose_name, _readable(name, found.value), found.text)
        for name, found in proposal.fields.items()
        if not name.startswith(("title_", "description_"))
    ]
    names = {s.slug: s.name for s in selectors.sectors()}
    sectors = [(names.get(slug, slug), found.text) for slug, found in proposal.sectors]
    return {
        "proposal": proposal,
        "problems": problems,
        "segments": _segments(proposal, marks),
        "rows": rows,
        "sectors": sectors,
    }


def _readable(name, value):
    if name == "status":
        return Project.Status(value).label
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")  # day-first in every language
    return value


def _segments(proposal, marks):
    """The proposal's text cut into plain and marked pieces, so every found value shows in place."""
    pieces, at = [], proposal.start
    for start, end, label in marks:
        if start < at:
            continue
        pieces.append(("", proposal.text[at - proposal.start : start - proposal.start]))
        pieces.append((label, proposal.text[start - proposal.start : end - proposal.start]))
        at = end
    pieces.append(("", proposal.text[at - proposal.start :]))
    return [p for p in pieces if p[1]]


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, slug, code):
    """Delete a draft that was never published: the page says what goes, and asks (no script needed)."""
    project = get_project_for_user(request.user, code, need="edit")
    if project.organisation.slug != slug:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.project_delete(actor=request.user, project=project)
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect("projects:edit", slug=slug, code=project.code)
        messages.success(request, _("The draft was deleted."))
        return redirect("projects:org_projects", slug=slug)
    return render(
        request,
        "projects/delete.html",
        {"organisation": project.organisation, "project": project, "deletable": selectors.deletable(project)},
    )


@login_required
@require_POST
def submit(request, slug, code):
    project = get_project_for_user(request.user, code, need="edit")
    try:
        services.project_submit(actor=request.user, project=project)
    except services.NotPublishable:
        messages.error(request, _("The project has problems to correct before it can be submitted."))
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The project was submitted to the technical team."))
    return redirect("projects:edit", slug=project.organisation.slug, code=project.code)
