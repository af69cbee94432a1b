"""What waits for a person on "My organisations", whatever app it comes from: a project or an activity returned
with the technical team's note, a statement waiting for their organisation's signature, a vote open for its
delegate, and what happened lately (published, added). Each app above `members` provides its items with
`register(items)` in its `AppConfig.ready()`; the page asks `items_for(user)`, so `members` imports none of them.

A provider is `items(user) -> list[Todo]` and offers only what the person may do: an item's link never answers
403 or 404 to them."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString

# An item waits for the person (to do), or tells them what happened (to read).
ACTION, NEWS = "action", "news"
# How long what happened stays on the list, and how much of it is shown (an import may publish fifty projects).
NEWS_DAYS = 30
NEWS_SHOWN = 10


@dataclass(frozen=True)
class Todo:
    kind: str
    text: SafeString  # one sentence, names isolated (core.i18n.sentence)
    url: str
    at: datetime.datetime | None = None  # when it happened
    due: datetime.datetime | None = None  # until when it can be done
    note: str = ""  # the technical team's words: a comment, a reason


_PROVIDERS: list[Callable[[object], list[Todo]]] = []


def register(provider: Callable[[object], list[Todo]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def news_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=NEWS_DAYS)


def items_for(user) -> list[Todo]:
    """Every app's items for the person: what waits for them first (the nearest deadline first), then what
    happened (the latest first)."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = [item for provider in _PROVIDERS for item in provider(user)]
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    actions = [i for i in items if i.kind == ACTION]
    actions.sort(key=lambda i: i.at or never, reverse=True)
    actions.sort(key=lambda i: i.due or far)  # stable: the latest first among the same deadline
    news = sorted((i for i in items if i.kind != ACTION), key=lambda i: i.at or never, reverse=True)
    return actions + news[:NEWS_SHOWN]
