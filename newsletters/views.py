"""Public pages of information exchange: the activities feed and its RSS/Atom feeds, news with comments,
the newsletter archive and issues (web and plain text), and subscriptions without an account."""

import datetime
import re

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from coalition.models import Region
from core import reference
from core.ratelimit import client_ip, over_limit
from core.services import Refused
from members.models import Sector
from newsletters import services
from newsletters.forms import CommentForm, LanguageForm, SubscribeForm
from newsletters.models import Comment, NewsItem, Subscriber
from newsletters.selectors import (
    approved_comments,
    filtered_activities,
    issue_context,
    organisations_with_activities,
    published_issues,
)

PAGE_SIZE = 30
# Each comment sends its author an email (with the link to delete it): an address a stranger typed receives
# at most this many a day, whatever the connections (issue 10 #6), besides three an hour.
COMMENT_EMAILS_PER_DAY = 6
# An issue's number as its address writes it: ASCII digits only (str.isdigit() also takes "٧" and "²").
ISSUE_NUMBER = re.compile(r"[0-9]{1,9}")


@require_safe
def activities(request):
    items, filters = filtered_activities(request.GET)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "newsletters/activities.html",
        {
            "page": page,
            "filters": filters,
            "organisations": organisations_with_activities(),
            "regions": reference.cached("regions", lambda: list(Region.objects.all())),
            "sectors": reference.cached("sectors", lambda: list(Sector.objects.all())),
        },
    )


class ActivitiesFeed(Feed):
    def get_object(self, request):
        self.request = request
        return None

    def title(self):
        return _("Activities of the member organisations")

    def link(self):
        return reverse("newsletters:activities")

    def description(self):
        return _("Approved activities of the coalition's member organisations.")

    def items(self):
        return filtered_activities(self.request.GET)[0][:50]

    def item_title(self, item):
        return f"{item.organisation.name}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.happened_on, datetime.time(12)))


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Coalition news")

    def link(self):
        return reverse("newsletters:archive")

    def subtitle(self):
        return _("News of the coalition.")

    def items(self):
        return NewsItem.objects.all()[:30]

    def item_title(self, item):
        return str(item.title)

    def item_description(self, item):
        return str(item.body)

    def item_link(self, item):
        return reverse("newsletters:news", args=[item.slug])


# The feeds are read-only pages like the others.
activities_feed = require_safe(ActivitiesFeed())
news_feed = require_safe(NewsFeed())


@require_safe
def news_index(request):
    """Every news item of the coalition, newest first, in the reader's language where written in it."""
    page = Paginator(NewsItem.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsletters/news_index.html", {"page": page})


@require_safe
def news(request, slug):
    item = get_object_or_404(NewsItem, slug=slug)
    form = CommentForm()
    return render(
        request,
        "newsletters/news.html",
        {"item": item, "form": form, "comments": approved_comments(item)},
    )


def _too_many_emails(address: str) -> bool:
    return over_limit("comment-email", address, limit=3, seconds=3600) or over_limit(
        "comment-email-day", address, limit=COMMENT_EMAILS_PER_DAY, seconds=24 * 3600
    )


@require_POST
def comment(request, kind, key):
    if kind == "news":
        target = get_object_or_404(NewsItem, slug=key)
        back = reverse("newsletters:news", args=[target.slug])
    elif kind == "issue" and ISSUE_NUMBER.fullmatch(key):
        target = get_object_or_404(published_issues(), number=int(key))
        back = reverse("newsletters:issue", args=[target.number])
    else:
        raise Http404
    form = CommentForm(request.POST)
    if over_limit("comment", client_ip(request), limit=5, seconds=3600) or (
        form.is_valid() and _too_many_emails(services.mailbox(form.cleaned_data["email"]))
    ):
        messages.error(
            request, _("Too many comments were sent from this connection or address. Please try again later.")
        )
        return redirect(back)
    if not form.is_valid():
        template = "newsletters/news.html" if kind == "news" else "newsletters/issue.html"
        context = {"item": target, "form": form, "comments": approved_comments(target)}
        if kind != "news":
            context.update(issue_context(target))
        return render(request, template, context, status=400)
    data = form.cleaned_data
    services.comment_post(target=target, name=data["name"], email=data["email"], body=data["body"])
    messages.success(request, _("Thank you. Your comment will appear once it has been read; we sent you an email."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
def comment_delete(request, token):
    comment = Comment.objects.filter(deletion_token=token).first()
    if comment is None:
        return render(
            request, "newsletters/message.html", {"message": _("This comment was already deleted.")}, status=404
        )
    if request.method == "POST":
        services.comment_delete(token=token)
        return render(request, "newsletters/message.html", {"message": _("Your comment and your data were deleted.")})
    return render(
        request,
        "newsletters/confirm.html",
        {"question": _("Delete your comment and your data?"), "button": _("Delete")},
    )


# --- the newsletter -------------------------------------------------------------------------------------


@require_safe
def archive(request):
    issues = published_issues()
    return render(
        request,
        "newsletters/archive.html",
        {"issues": issues, "form": SubscribeForm(initial={"language": translation.get_language()})},
    )


@require_safe
def issue(request, number):
    item = get_object_or_404(published_issues(), number=number)
    context = issue_context(item)
    if request.GET.get("format") == "text":
        text = render_to_string("newsletters/email/issue.txt", {**context, "base_url": ""}, request=request)
        unsubscribe = reverse("newsletters:archive")
        return HttpResponse(text.replace("__UNSUBSCRIBE__", unsubscribe), content_type="text/plain; charset=utf-8")
    context.update(form=CommentForm(), comments=approved_comments(item))
    return render(request, "newsletters/issue.html", context)


@require_POST
def subscribe(request):
    form = SubscribeForm(request.POST)
    if over_limit("subscribe", client_ip(request), limit=20, seconds=3600):
        messages.error(request, _("Too many requests from this connection. Please try again later."))
    elif form.is_valid():
        services.subscribe(email=form.cleaned_data["email"], language=form.cleaned_data["language"])
        # The same answer whether or not the address was known: a member list must not leak.
        messages.success(request, _("Check your inbox: we sent a link to confirm the subscription."))
    else:
        return render(
            request,
            "newsletters/archive.html",
            {"issues": published_issues(), "form": form},
            status=400,
        )
    return redirect("newsletters:archive")


@require_GET  # not HEAD either: link checkers send it, and it must not confirm anyone
def confirm(request, token):
    try:
        services.subscription_confirm(token=token)
    except services.LinkNoLongerValid as refused:
        context = {"message": refused.message, "subscribe_again": True}
        return render(request, "newsletters/message.html", context, status=400)
    except Refused as refused:
        return render(request, "newsletters/message.html", {"message": refused.message}, status=400)
    return render(request, "newsletters/message.html", {"message": _("Your subscription is confirmed. Thank you.")})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click"; the unguessable token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click from the email client (RFC 8058 POST) or a confirmation page (GET)."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "newsletters/message.html", {"message": _("You will receive no more newsletters.")})
    return render(
        request,
        "newsletters/confirm.html",
        {
            "question": _("Stop receiving the newsletter at %(email)s?") % {"email": subscriber.email},
            "button": _("Unsubscribe"),
            "manage": reverse("newsletters:subscription", args=[token]),
        },
    )


@require_http_methods(["GET", "POST"])
def subscription(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    form = LanguageForm(request.POST or None, initial={"language": subscriber.language})
    if request.method == "POST" and form.is_valid():
        services.subscription_language(token=token, language=form.cleaned_data["language"])
        messages.success(request, _("The language of your newsletter was changed."))
        return redirect("newsletters:subscription", token=token)
    return render(request, "newsletters/subscription.html", {"form": form, "subscriber": subscriber})
