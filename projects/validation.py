"""The rules a project must meet before it is published. The same rules apply to projects typed in a
form, extracted from pasted text and imported from a 4W table or an IATI file."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGE_CODES
from projects.currencies import CURRENCIES
from projects.models import Project

# More people than live in North-East Syria is a typing error, not a project.
ABSURD_COUNT = 5_000_000


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str
    blocking: bool = True

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": str(self.message), "blocking": self.blocking}


def _dates(values: dict):
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        a, b = values.get(start), values.get(end)
        if isinstance(a, datetime.date) and isinstance(b, datetime.date) and b < a:
            yield Problem(
                end,
                "end_before_start",
                _("The end date (%(end)s) is before the start date (%(start)s).")
                % {"end": b.strftime("%d/%m/%Y"), "start": a.strftime("%d/%m/%Y")},
            )


def check(values: dict, *, flags: list | None = None, today: datetime.date | None = None) -> list[Problem]:
    """Problems of a project given as plain values (form data, a proposal, an imported row).

    `values` holds the model's field names; `sectors` and `places` are lists; `flags` are the problems
    found while reading the source (invalid dates, places not found), kept until corrected.
    """
    today = today or timezone.localdate()
    problems = []
    if not any(str(values.get(f"title_{c}", "") or "").strip() for c in LANGUAGE_CODES):
        problems.append(Problem("title", "no_title", _("The project needs a title.")))
    if not values.get("sectors"):
        problems.append(Problem("sectors", "no_sector", _("Choose at least one sector.")))
    if not values.get("places"):
        problems.append(Problem("places", "no_place", _("Choose at least one place from the gazetteer.")))
    if not (values.get("actual_start") or values.get("planned_start")):
        problems.append(Problem("actual_start", "no_start", _("Give the start date, planned or actual.")))
    problems.extend(_dates(values))
    status = values.get("status")
    if status == Project.Status.COMPLETED:
        end = values.get("actual_end")
        if not end:
            problems.append(
                Problem("actual_end", "completed_without_end", _("A completed project needs its actual end date."))
            )
        elif end > today:
            problems.append(
                Problem("actual_end", "completed_in_future", _("A completed project cannot end in the future."))
            )
    for field in Project.COUNT_FIELDS:
        value = values.get(field)
        if value is not None and (value < 0 or value > ABSURD_COUNT):
            problems.append(
                Problem(field, "absurd_count", _("%(value)s people is not a possible count.") % {"value": value})
            )
    total = values.get("reached_total")
    for parts, label in (
        (Project.BREAKDOWN, _("women, men, girls and boys")),
        (Project.GROUPS, _("residents, displaced people and returnees")),
    ):
        known = [values.get(p) for p in parts if values.get(p) is not None]
        if total is not None and known and sum(known) > total:
            problems.append(
                Problem(
                    "reached_total",
                    "total_below_parts",
                    _("The total reached (%(total)s) is smaller than the sum of %(parts)s (%(sum)s).")
                    % {"total": total, "parts": label, "sum": sum(known)},
                )
            )
    if values.get("budget") is not None and not values.get("currency"):
        problems.append(Problem("currency", "no_currency", _("Give the currency of the budget.")))
    if values.get("budget") is not None and values["budget"] < 0:
        problems.append(Problem("budget", "negative_budget", _("A budget cannot be negative.")))
    if values.get("currency") and values["currency"] not in CURRENCIES:
        problems.append(
            Problem(
                "currency",
                "unknown_currency",
                _("“%(code)s” is not a currency code of the IATI list (ISO 4217), such as USD, EUR or SYP.")
                % {"code": values["currency"]},
            )
        )
    for flag in flags or []:
        problems.append(Problem(flag["field"], flag["code"], flag_message(flag), flag.get("blocking", True)))
    return problems


def flag_message(flag: dict) -> str:
    """Flags are stored as codes with the text they concern, and worded in the reader's language."""
    text = flag.get("text", "")
    messages = {
        "invalid_date": _("“%(text)s” is not a valid date."),
        "ambiguous_date": _("“%(text)s” does not say the year: give the start and end dates."),
        "approximate_count": _(
            "“%(text)s” is an approximate count: give the number of people reached, if it is known."
        ),
        "no_period": _("The text gives no period: give the start and end dates."),
        "place_not_found": _(
            "The place “%(text)s” is not in the gazetteer; choose it or ask the technical team to add it."
        ),
        "unknown_code": _("“%(text)s” is not a known code."),
        "invalid_budget": _("“%(text)s” is not a possible budget."),
    }
    message = messages.get(flag["code"], _("“%(text)s” needs checking."))
    return message % {"text": text}


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]
