"""What is happening in the coalition, for the home page: appeals open, elections taking nominations or votes,
assemblies and workshops to come. Each app above `coalition` registers a provider in its `AppConfig.ready()`;
the home page asks `items()`, so `coalition` imports none of them (as "My organisations" asks `core.todo`).

A provider is `items(now) -> list[Happening]`: public records only, in one query, whatever the number of members
(the home page's query budget is tested)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

# At most this many, soonest first: the home page is the first thing a slow line loads.
SHOWN = 8


@dataclass(frozen=True)
class Happening:
    kind: str  # a translated word: "Appeal", "Election" ...
    title: object  # a translated text (core.i18n), shown with its language
    url: str
    state: str = ""  # a translated phrase: "Nominations open"
    at: datetime.date | datetime.datetime | None = None  # the day or moment it is about (shown, and the order)


_PROVIDERS: list[Callable[[datetime.datetime], list[Happening]]] = []


def register(provider: Callable[[datetime.datetime], list[Happening]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def _order(item: Happening) -> datetime.datetime:
    at = item.at
    if at is None:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)
    if not isinstance(at, datetime.datetime):
        at = datetime.datetime.combine(at, datetime.time.min, tzinfo=timezone.get_current_timezone())
    return at


def items(now: datetime.datetime | None = None) -> list[Happening]:
    now = now or timezone.now()
    found = [item for provider in _PROVIDERS for item in provider(now)]
    return sorted(found, key=_order)[:SHOWN]
