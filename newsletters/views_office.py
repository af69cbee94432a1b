"""The technical team's newsletter office: it approves members' activities, writes news, compiles,
publishes and sends issues, moderates comments and subscribes consenting contacts."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.i18n import LANGUAGE_CODES
from core.permissions import technical_team_required
from core.services import Refused
from core.views import attempt
from newsletters import selectors, services
from newsletters.forms import (
    ActivityReviewForm,
    CommentModerationForm,
    ContactForm,
    IntroductionForm,
    IssueStartForm,
    NewsForm,
)
from newsletters.models import Activity, Comment, Delivery, Issue, IssueEntry, NewsItem


def _refuse(request, form) -> None:
    """A form's errors as messages on the office page, without the names of its fields."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@technical_team_required
@require_safe
def office(request):
    return render(
        request,
        "newsletters/office/index.html",
        {
            "activities": selectors.activities_to_review()[:100],
            "issues": selectors.issues_with_delivery_counts(),
            "comments": selectors.held_comments()[:100],
            "news": NewsItem.objects.all()[:20],
            "start_form": IssueStartForm(initial={"number": services.next_number()}),
            "contact_form": ContactForm(),
        },
    )


@technical_team_required
@require_POST
def activity_review(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    form = ActivityReviewForm(request.POST)
    if not form.is_valid():
        _refuse(request, form)
        return redirect("newsletters:office")
    approve = form.cleaned_data["approve"]
    services.activity_review(
        actor=request.user, activity=activity, approve=approve, comment=form.cleaned_data["comment"]
    )
    messages.success(request, _("The activity was approved.") if approve else _("The activity was returned."))
    return redirect("newsletters:office")


@technical_team_required
@require_http_methods(["GET", "POST"])
def news_edit(request, slug=None):
    item = get_object_or_404(NewsItem, slug=slug) if slug else NewsItem()
    form = NewsForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        target = NewsItem.objects.get(pk=item.pk) if item.pk else NewsItem()
        services.news_save(actor=request.user, item=target, fields=form.cleaned_data)
        messages.success(request, _("The news item was saved."))
        return redirect("newsletters:office")
    return render(request, "newsletters/office/form.html", {"form": form, "title": _("News item")})


@technical_team_required
@require_POST
def issue_start(request):
    form = IssueStartForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            issue = services.issue_start(
                actor=request.user,
                number=data["number"],
                title={"ar": data["title_ar"], "en": data["title_en"]},
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            return redirect("newsletters:issue_edit", number=issue.number)
    else:
        messages.error(request, form.errors.as_text())
    return redirect("newsletters:office")


@technical_team_required
@require_http_methods(["GET", "POST"])
def issue_edit(request, number):
    issue = get_object_or_404(Issue, number=number)
    intro = IntroductionForm(
        request.POST or None,
        initial={f"introduction_{c}": getattr(issue, f"introduction_{c}") for c in LANGUAGE_CODES},
    )
    if request.method == "POST" and intro.is_valid():
        services.issue_introduce(actor=request.user, issue=issue, texts=intro.cleaned_data)
        messages.success(request, _("The introduction was saved."))
        return redirect("newsletters:issue_edit", number=number)
    lang = request.GET.get("preview", translation.get_language())
    if lang not in LANGUAGE_CODES:
        lang = translation.get_language()
    context = selectors.issue_context(issue)
    with translation.override(lang):  # the edition as its readers will see it, fallbacks marked
        preview = render_to_string("newsletters/office/_preview.html", context)
    counts = selectors.delivery_counts(issue)
    return render(
        request,
        "newsletters/office/issue_edit.html",
        {
            **context,
            "intro": intro,
            "preview": preview,
            "entries": issue.entries.select_related("news", "activity__organisation", "campaign"),
            "preview_lang": lang,
            "counts": counts,
            "statuses": Delivery.Status.choices,
        },
    )


@technical_team_required
@require_POST
def entry_action(request, number, pk):
    issue = get_object_or_404(Issue, number=number)
    entry = get_object_or_404(IssueEntry, pk=pk, issue=issue)
    action = request.POST.get("action")
    if action in ("up", "down"):
        services.entry_move(actor=request.user, issue=issue, entry=entry, direction=-1 if action == "up" else 1)
    elif action == "remove":
        services.entry_remove(actor=request.user, entry=entry)
    return redirect("newsletters:issue_edit", number=number)


@technical_team_required
@require_POST
def issue_publish(request, number):
    issue = get_object_or_404(Issue, number=number)
    attempt(request, lambda: services.issue_publish(actor=request.user, issue=issue), _("The issue is published."))
    return redirect("newsletters:issue_edit", number=number)


@technical_team_required
@require_POST
def issue_send(request, number):
    issue = get_object_or_404(Issue, number=number)
    attempt(
        request,
        lambda: services.issue_send(actor=request.user, issue=issue),
        lambda queued: (
            ngettext(
                "%(count)s message was queued; the worker sends it.",
                "%(count)s messages were queued; the worker sends them.",
                queued,
            )
            % {"count": queued}
        ),
    )
    return redirect("newsletters:issue_edit", number=number)


@technical_team_required
@require_POST
def comment_moderate(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    form = CommentModerationForm(request.POST)
    if form.is_valid():
        services.comment_moderate(actor=request.user, comment=comment, approve=form.cleaned_data["approve"])
    else:
        _refuse(request, form)
    return redirect("newsletters:office")


@technical_team_required
@require_POST
def contact_subscribe(request):
    form = ContactForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.subscribe_contact(actor=request.user, **form.cleaned_data),
            _("The contact was subscribed, with their consent recorded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("newsletters:office")
