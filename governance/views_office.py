"""The technical team's governance pages: preparing assemblies (agenda, documents, invitations), attendance on a
phone in the hall, decisions and minutes, candidacy rules, elections and their committee, opening nominations and
voting. The count is not here: it belongs to the counting committee. Anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.permissions import technical_team_required
from core.services import Refused
from core.views import attempt
from governance import selectors, services
from governance.forms import (
    AgendaItemForm,
    AssemblyForm,
    AttendanceForm,
    CommitteeMemberForm,
    DocumentForm,
    ElectionForm,
    MinutesForm,
    OnlineEnableForm,
    RulesForm,
)
from governance.models import AgendaItem, Assembly, CandidacyRules, Election


@technical_team_required
@require_safe
def index(request):
    return render(
        request,
        "governance/office/index.html",
        {
            "assemblies": Assembly.objects.select_related("region"),
            "elections": Election.objects.select_related("assembly", "body"),
            "rules": CandidacyRules.objects.all(),
        },
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def assembly_edit(request, slug=None):
    item = get_object_or_404(Assembly, slug=slug) if slug else Assembly()
    form = AssemblyForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        target = Assembly.objects.get(pk=item.pk) if item.pk else Assembly()
        try:
            item = services.assembly_save(actor=request.user, assembly=target, fields=form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The assembly was saved."))
            return redirect("governance:office_assembly", slug=item.slug)
    return render(request, "governance/office/form.html", {"form": form, "item": item, "kind": "assembly"})


@technical_team_required
@require_safe
def assembly(request, slug):
    item = get_object_or_404(Assembly.objects.select_related("region", "place"), slug=slug)
    return render(
        request,
        "governance/office/assembly.html",
        {
            "assembly": item,
            "quorum": selectors.quorum(item),
            "agenda": [(a, AgendaItemForm(instance=a, prefix=str(a.code))) for a in item.agenda.all()],
            "agenda_form": AgendaItemForm(initial={"order": item.agenda.count() + 1}, prefix="new"),
            "document_form": DocumentForm(),
            "documents": item.documents.defer("data"),
            "invited": item.invited.count(),
            "present": item.attendance.count(),
            "minutes_form": MinutesForm(
                initial={f"minutes_{c}": getattr(item, f"minutes_{c}") for c in ("ar", "ku", "syr", "en")}
            ),
            "elections": item.elections.select_related("body"),
        },
    )


@technical_team_required
@require_POST
def agenda_save(request, slug, code=None):
    item = get_object_or_404(Assembly, slug=slug)
    existing = get_object_or_404(AgendaItem, assembly=item, code=code) if code else None
    form = AgendaItemForm(
        request.POST, instance=existing and AgendaItem.objects.get(pk=existing.pk), prefix=str(code) if code else "new"
    )
    if not form.is_valid():
        messages.error(request, _("The agenda item was not saved: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        attempt(
            request,
            lambda: services.agenda_item_save(
                actor=request.user, assembly=item, item=existing, fields=form.cleaned_data
            ),
            _("The agenda item was saved."),
        )
    return redirect("governance:office_assembly", slug=item.slug)


@technical_team_required
@require_POST
def document_add(request, slug):
    item = get_object_or_404(Assembly, slug=slug)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The document was not added: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        upload = form.cleaned_data["file"]
        attempt(
            request,
            lambda: services.document_add(
                actor=request.user,
                assembly=item,
                title=form.cleaned_data["title"],
                data=upload.read(),
                filename=upload.name,
                is_public=form.cleaned_data["is_public"],
            ),
            _("The document was added."),
        )
    return redirect("governance:office_assembly", slug=item.slug)


@technical_team_required
@require_POST
def invite(request, slug):
    item = get_object_or_404(Assembly, slug=slug)
    attempt(
        request,
        lambda: services.assembly_invite(actor=request.user, assembly=item),
        lambda n: _("%(n)s organisations are invited.") % {"n": n},
    )
    return redirect("governance:office_assembly", slug=item.slug)


@technical_team_required
@require_POST
def assembly_advance(request, slug):
    item = get_object_or_404(Assembly, slug=slug)
    attempt(
        request,
        lambda: services.assembly_advance(actor=request.user, assembly=item, to=request.POST.get("to", "")),
        _("The assembly's status was changed."),
    )
    return redirect("governance:office_assembly", slug=item.slug)


@technical_team_required
@require_POST
def minutes(request, slug):
    item = get_object_or_404(Assembly, slug=slug)
    form = MinutesForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.minutes_publish(
                actor=request.user,
                assembly=item,
                texts={c: form.cleaned_data[f"minutes_{c}"] for c in ("ar", "ku", "syr", "en")},
            ),
            _("The minutes are published."),
        )
    else:
        messages.error(request, _("The minutes were not saved: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("governance:office_assembly", slug=item.slug)


@technical_team_required
@require_http_methods(["GET", "POST"])
def attendance(request, slug):
    """The page for the hall, on a phone: each invited organisation, present or not, its representative, and the
    quorum at every moment."""
    item = get_object_or_404(Assembly, slug=slug)
    if request.method == "POST":
        form = AttendanceForm(request.POST, assembly=item)
        if form.is_valid():
            data = form.cleaned_data
            attempt(
                request,
                lambda: services.attendance_record(
                    actor=request.user,
                    assembly=item,
                    organisation=data["organisation"],
                    representative_name=data["representative_name"],
                    present=data["present"],
                ),
                _("Attendance saved."),
            )
        else:
            messages.error(request, _("Attendance was not saved: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect(f"{request.path}#org-{request.POST.get('organisation', '')}")
    present = {a.organisation_id: a for a in item.attendance.all()}
    rows = [
        (i.organisation, present.get(i.organisation_id))
        for i in item.invited.select_related("organisation").order_by("organisation__name_en")
    ]
    return render(
        request,
        "governance/office/attendance.html",
        {"assembly": item, "rows": rows, "quorum": selectors.quorum(item)},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def rules_new(request):
    latest = CandidacyRules.objects.first()
    initial = {f: getattr(latest, f) for f in RulesForm._meta.fields} if latest else None
    form = RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        rules = services.rules_create(actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Version %(n)s of the candidacy rules is saved.") % {"n": rules.number})
        return redirect("governance:office")
    return render(request, "governance/office/form.html", {"form": form, "kind": "rules"})


@technical_team_required
@require_http_methods(["GET", "POST"])
def election_edit(request, slug=None):
    item = get_object_or_404(Election, slug=slug) if slug else Election()
    form = ElectionForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        target = Election.objects.get(pk=item.pk) if item.pk else Election()
        try:
            item = services.election_save(actor=request.user, election=target, fields=form.election_fields())
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The election was saved."))
            return redirect("governance:office_election", slug=item.slug)
    return render(request, "governance/office/form.html", {"form": form, "item": item, "kind": "election"})


@technical_team_required
@require_safe
def election(request, slug):
    item = get_object_or_404(Election.objects.select_related("assembly", "body", "rules"), slug=slug)
    return render(
        request,
        "governance/office/election.html",
        {
            "election": item,
            "committee": item.committee.select_related("person", "organisation"),
            "committee_form": CommitteeMemberForm(assembly=item.assembly),
            "nominations": item.nominations.select_related("organisation", "person"),
            "rule_labels": selectors.RULE_LABELS,
            "problems": {
                "nominations": selectors.blocking_problems(item, Election.Status.NOMINATIONS),
                "voting": selectors.blocking_problems(item, Election.Status.VOTING),
            },
            "tallies": item.tallies.all(),
            "entries": item.count_entries.select_related("entered_by"),
            "online": selectors.online_channel(item),
            "online_form": OnlineEnableForm(election=item),
        },
    )


@technical_team_required
@require_POST
def committee_add(request, slug):
    item = get_object_or_404(Election, slug=slug)
    form = CommitteeMemberForm(request.POST, assembly=item.assembly)
    if not form.is_valid():
        messages.error(request, _("Nobody was added: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        person = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            messages.error(request, _("No account has this email address."))
        else:
            attempt(
                request,
                lambda: services.committee_add(
                    actor=request.user, election=item, person=person, organisation=form.cleaned_data["organisation"]
                ),
                _("The person was added to the counting committee."),
            )
    return redirect("governance:office_election", slug=item.slug)


@technical_team_required
@require_POST
def election_advance(request, slug):
    item = get_object_or_404(Election, slug=slug)
    attempt(
        request,
        lambda: services.election_advance(actor=request.user, election=item, to=request.POST.get("to", "")),
        _("The election moved to its next step."),
    )
    return redirect("governance:office_election", slug=item.slug)


@technical_team_required
@require_POST
def online_enable(request, slug):
    """Enable the online channel: the committee (complete by now) becomes the trustees of the election key."""
    item = get_object_or_404(Election, slug=slug)
    form = OnlineEnableForm(request.POST, election=item)
    if not form.is_valid():
        messages.error(request, _("Choose the credential authority among the committee."))
    else:
        attempt(
            request,
            lambda: services.online_enable(
                actor=request.user, election=item, credential_authority=form.cleaned_data["credential_authority"]
            ),
            _("Online ballots are enabled. Each committee member now makes their key on the committee's page."),
        )
    return redirect("governance:office_election", slug=item.slug)
