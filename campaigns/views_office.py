"""The technical team's advocacy pages: statements and their versions, takedowns, issue rounds, campaigns and
their timelines. Anyone else gets 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns import services
from campaigns.forms import (
    CampaignForm,
    EventForm,
    PublishForm,
    RoundForm,
    StatementForm,
    StatementTextForm,
    TakedownForm,
)
from campaigns.models import Campaign, IssueRound, Signature, Statement
from core.permissions import technical_team_required
from core.services import Refused
from core.views import attempt


@technical_team_required
@require_safe
def index(request):
    return render(
        request,
        "campaigns/office/index.html",
        {
            "statements": Statement.objects.all(),
            "rounds": IssueRound.objects.select_related("region"),
            "campaigns": Campaign.objects.all(),
        },
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def statement_edit(request, slug=None):
    item = get_object_or_404(Statement, slug=slug) if slug else Statement()
    form = StatementForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        # Validating wrote the posted values onto `item`; the service sets them on a fresh copy and audits them.
        target = Statement.objects.get(pk=item.pk) if item.pk else Statement()
        item = services.statement_save(actor=request.user, statement=target, fields=form.cleaned_data)
        messages.success(request, _("The statement was saved."))
        return redirect("campaigns:statement_edit", slug=item.slug)
    draft = item.versions.filter(frozen_at__isnull=True).first() if item.pk else None
    current = item.current_version() if item.pk else None
    source = draft or current
    text_form = StatementTextForm(initial={f"text_{k}": v for k, v in source.texts().items()} if source else None)
    signatures = current.signatures.select_related("organisation") if current else []
    return render(
        request,
        "campaigns/office/statement.html",
        {
            "statement": item,
            "form": form,
            "text_form": text_form,
            "draft": draft,
            "current": current,
            "signatures": signatures,
            "takedown_form": TakedownForm(),
            "publish_form": PublishForm(),
        },
    )


@technical_team_required
@require_POST
def statement_text(request, slug):
    item = get_object_or_404(Statement, slug=slug)
    form = StatementTextForm(request.POST)
    if form.is_valid():
        services.statement_draft(actor=request.user, statement=item, texts=form.texts())
        messages.success(request, _("The draft text was saved. Freeze it to open it for signatures."))
    else:
        messages.error(request, _("The text could not be saved: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("campaigns:statement_edit", slug=item.slug)


@technical_team_required
@require_POST
def statement_freeze(request, slug):
    item = get_object_or_404(Statement, slug=slug)
    attempt(
        request,
        lambda: services.statement_freeze(actor=request.user, statement=item),
        lambda v: _("Version %(n)s is frozen; its fingerprint is %(f)s.") % {"n": v.number, "f": v.fingerprint},
    )
    return redirect("campaigns:statement_edit", slug=item.slug)


@technical_team_required
@require_POST
def statement_publish(request, slug):
    item = get_object_or_404(Statement, slug=slug)
    # Publishing closes signing for good: it is taken only with the box ticked that says so (no JavaScript needed).
    if not PublishForm(request.POST).is_valid():
        messages.error(
            request, _("The statement was not published: tick the box to confirm that publishing closes signing.")
        )
    else:
        attempt(
            request,
            lambda: services.statement_publish(actor=request.user, statement=item),
            _("The statement was published."),
        )
    return redirect("campaigns:statement_edit", slug=item.slug)


@technical_team_required
@require_POST
def takedown(request, code):
    signature = get_object_or_404(Signature.objects.select_related("version__statement"), code=code)
    form = TakedownForm(request.POST)
    if form.is_valid():
        services.signature_takedown(actor=request.user, signature=signature, reason=form.cleaned_data["reason"])
        messages.success(request, _("The name is hidden from the public list."))
    else:
        messages.error(request, _("Give the reason for hiding the name."))
    return redirect("campaigns:statement_edit", slug=signature.version.statement.slug)


@technical_team_required
@require_http_methods(["GET", "POST"])
def round_edit(request, slug=None):
    item = get_object_or_404(IssueRound, slug=slug) if slug else IssueRound()
    form = RoundForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item.pk:
                services.round_update(
                    actor=request.user, issue_round=IssueRound.objects.get(pk=item.pk), fields=form.cleaned_data
                )
            else:
                item = services.round_create(actor=request.user, fields=form.cleaned_data)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The round was saved."))
            return redirect("campaigns:round", slug=form.cleaned_data["slug"])
    return render(request, "campaigns/office/form.html", {"form": form, "title": _("Issue round")})


@technical_team_required
@require_POST
def round_conclude(request, slug):
    item = get_object_or_404(IssueRound, slug=slug)
    campaign = attempt(
        request,
        lambda: services.round_conclude(actor=request.user, issue_round=item, campaign_slug=f"{item.slug}-campaign"),
        _("The round is concluded; its winning issue became a campaign."),
    )
    if campaign is None:
        return redirect("campaigns:round", slug=item.slug)
    return redirect("campaigns:campaign_edit", slug=campaign.slug)


@technical_team_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, slug=None):
    item = get_object_or_404(Campaign, slug=slug) if slug else Campaign()
    form = CampaignForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = services.campaign_save(
            actor=request.user,
            campaign=item,
            fields=form.campaign_fields(),
            regions=form.cleaned_data["regions"],
            organisations=form.cleaned_data["organisations"],
        )
        messages.success(request, _("The campaign was saved."))
        return redirect("campaigns:campaign_edit", slug=item.slug)
    return render(
        request,
        "campaigns/office/form.html",
        {"form": form, "title": _("Campaign"), "campaign": item if item.pk else None},
    )


@technical_team_required
@require_http_methods(["GET", "POST"])
def event_new(request, slug):
    item = get_object_or_404(Campaign, slug=slug)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.event_add(actor=request.user, campaign=item, fields=form.cleaned_data)
        messages.success(request, _("The event was added to the timeline."))
        return redirect("campaigns:detail", slug=item.slug)
    return render(request, "campaigns/office/form.html", {"form": form, "title": _("Timeline event")})
