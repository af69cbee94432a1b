"""Reading IATI activity files for an import: each activity becomes a draft project of its reporting or
implementing organisation when that organisation is a member; otherwise a new organisation may be
proposed. Unknown codes and missing pieces are reported; an activity whose texts hide invisible characters
(a direction override in a title or a partner's name) is refused. Nothing is written here: the import itself
is fourw.services.import_iati, in one transaction."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validators import no_invisible_characters
from fourw import iati
from members.models import Organisation
from members.selectors import organisation_by_name
from places.selectors import NameIndex, name_index
from projects import validation
from projects.currencies import CURRENCIES
from projects.models import Project
from projects.selectors import sectors as coalition_sectors
from projects.services import values_of

XML_LANG = iati.XML_LANG
# Our statuses for IATI's ActivityStatus codes (4, "post-completion", is completed for us).
STATUS = {
    "1": Project.Status.PLANNED,
    "2": Project.Status.ONGOING,
    "3": Project.Status.COMPLETED,
    "4": Project.Status.COMPLETED,
    "5": Project.Status.CANCELLED,
    "6": Project.Status.SUSPENDED,
}
# Our languages that IATI has a code for (Syriac has none).
OUR_LANGS = set(iati.IATI_LANG)


@dataclass
class Activity:
    identifier: str
    organisation: Organisation | None
    proposed_organisation: str = ""  # "name (ref)" when no member matches
    project: Project | None = None
    fields: dict = field(default_factory=dict)
    sectors: list = field(default_factory=list)
    places: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list = field(default_factory=list)  # validation.Problem: the activity is refused
    current: dict = field(default_factory=dict)  # the values of the project an update changes

    @property
    def action(self) -> str:
        if self.organisation is None or self.errors:
            return "refuse"
        return "update" if self.project else "create"

    @property
    def title(self) -> str:
        return self.fields.get("title_en") or self.fields.get("title_ar") or self.identifier

    def values(self) -> dict:
        """The project's values once imported: an update keeps what the file does not give."""
        return {**self.current, **self.fields, "sectors": self.sectors, "places": self.places}

    def problems(self):
        return self.errors + [p for p in validation.check(self.values(), flags=self.flags) if p not in self.errors]


@dataclass
class Result:
    activities: list[Activity]
    error: str = ""

    @property
    def importable(self) -> list[Activity]:
        return [a for a in self.activities if a.organisation is not None and not a.errors]


def _narratives(element, default: str) -> dict:
    texts = {}
    if element is None:
        return texts
    for narrative in element.findall("narrative"):
        lang = (narrative.get(XML_LANG) or default or "en").split("-")[0].lower()
        if lang in OUR_LANGS and narrative.text and narrative.text.strip():
            texts.setdefault(lang, narrative.text.strip())
    return texts


def _date(value):
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


class _Members:
    """Member organisations by IATI identifier, then by name (each name looked up once)."""

    def __init__(self):
        self.by_ref = {}
        for org in Organisation.objects.public():
            if org.iati_identifier:
                self.by_ref[org.iati_identifier] = org
            self.by_ref[org.iati_ref] = org
        self.by_name: dict[str, Organisation | None] = {}

    def named(self, name: str) -> Organisation | None:
        if name not in self.by_name:
            found = organisation_by_name(name)
            self.by_name[name] = found if found is not None and found.status in Organisation.PUBLIC_STATUSES else None
        return self.by_name[name]

    def match(self, element, default):
        if element is None:
            return None, ""
        ref = element.get("ref", "")
        names = _narratives(element, default)
        org = self.by_ref.get(ref) or next((found for n in names.values() if (found := self.named(n))), None)
        label = next(iter(names.values()), "") + (f" ({ref})" if ref else "")
        return org, label


def read(data: bytes, *, allowed_organisations=None) -> Result:
    try:
        root = iati.parse(data)
    except iati.UnsafeXML as error:
        return Result([], str(error))
    except ValueError as error:
        return Result([], _("This is not well-formed XML: %(error)s") % {"error": error})
    if root.tag != "iati-activities":
        return Result([], _("This is not an IATI activity file (its root element is not iati-activities)."))
    if not root.get("version", "").startswith("2."):
        return Result([], _("Only IATI version 2 files can be imported."))
    members = _Members()
    sectors = list(coalition_sectors())
    places = name_index()
    activities = []
    for element in root.findall("iati-activity"):
        default = (element.get(XML_LANG) or root.get(XML_LANG) or "en").split("-")[0].lower()
        identifier = (element.findtext("iati-identifier") or "").strip()
        org, label = members.match(element.find("reporting-org"), default)
        if org is None:
            org, implementing = members.match(element.find("participating-org[@role='4']"), default)
            label = label or implementing
        if org is not None and allowed_organisations is not None and org.pk not in allowed_organisations:
            org = None
        activity = Activity(identifier, org, proposed_organisation="" if org else label)
        if org is not None:
            activity.project = Project.objects.filter(organisation=org, external_id=identifier).first()
        _fill(activity, element, default, sectors, places)
        _refuse_invisible(activity)
        if activity.project is None and not any(k.startswith("title_") and v for k, v in activity.fields.items()):
            # A new project needs a title (projects.services refuses one without): say so in the preview.
            activity.errors.append(validation.Problem("title", "no_title", _("The project needs a title.")))
        if activity.project is not None:
            activity.current = values_of(activity.project)
            if activity.project.review_state == Project.Review.PUBLISHED:
                # The change will wait for review, and a published project must stay publishable.
                activity.errors += validation.blocking(validation.check(activity.values(), flags=activity.flags))
        activities.append(activity)
    return Result(activities)


def _fill(activity, element, default, sectors, places: NameIndex):
    fields = activity.fields
    fields["original_language"] = default if default in OUR_LANGS else "en"
    for code, text in _narratives(element.find("title"), default).items():
        fields[f"title_{code}"] = text[:300]
    description = element.find("description[@type='1']")
    if description is None:
        description = element.find("description")
    for code, text in _narratives(description, default).items():
        fields[f"description_{code}"] = text
    status = element.find("activity-status")
    code = status.get("code") if status is not None else None
    if code in STATUS:
        fields["status"] = STATUS[code]
    elif code:
        activity.flags.append({"field": "status", "code": "unknown_code", "text": code, "blocking": False})
    for date in element.findall("activity-date"):
        name = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}.get(date.get("type"))
        value = _date(date.get("iso-date"))
        if name and value:
            fields[name] = value
    if fields.get("status") == "completed" and not fields.get("actual_end"):
        fields["actual_end"] = fields.get("planned_end")
    # Sectors are given for the activity, or else on each transaction (as USAID does).
    for sector in element.findall("sector") or element.findall("transaction/sector"):
        vocabulary, code = sector.get("vocabulary", "1"), sector.get("code", "")
        found = None
        if vocabulary == "1":
            found = next((s for s in sectors if s.dac_code == code), None) or next(
                (s for s in sectors if s.dac_code[:3] == code[:3]), None
            )
        elif vocabulary == "10":
            found = next((s for s in sectors if s.iasc_cluster == code), None)
        if found and found not in activity.sectors:
            activity.sectors.append(found)
        elif not found:
            activity.flags.append(
                {"field": "sectors", "code": "unknown_code", "text": f"{vocabulary}:{code}", "blocking": False}
            )
    for location in element.findall("location"):
        place = places.place_by_pcode(location.get("ref", ""))
        if place is None:
            names = _narratives(location.find("name"), default)
            place = next((found for n in names.values() if (found := places.place_by_name(n))), None)
            if place is None:
                text = location.get("ref") or next(iter(names.values()), "?")
                activity.flags.append({"field": "places", "code": "place_not_found", "text": text, "blocking": False})
                continue
        if place not in activity.places:
            activity.places.append(place)
    _budget(activity, element)
    for participating in element.findall("participating-org"):
        role = participating.get("role")
        name = next(iter(_narratives(participating, default).values()), "")
        if role in {"1", "2", "3"} and name:
            activity.partners.append({"name": name[:200], "role": role})
    for indicator in element.findall("result/indicator"):
        title = next(iter(_narratives(indicator.find("title"), default).values()), "")
        actual = indicator.find("period/actual")
        try:
            quantity = Decimal(actual.get("value")) if actual is not None and actual.get("value") else None
        except InvalidOperation:
            quantity = None
        if quantity is not None and quantity.is_finite() and abs(quantity) < 10**12 and title:
            activity.outputs.append({"quantity": quantity, "unit": title[:60], "description": title[60:300]})


def _budget(activity, element) -> None:
    """The first budget, when it is a possible amount in a currency of IATI's list; otherwise it is left out and
    flagged for the editor to check (our IATI export would be invalid with it)."""
    budget = element.find("budget/value")
    if budget is None or not budget.text:
        return
    text = budget.text.strip()
    currency = (budget.get("currency") or element.get("default-currency", "")).strip().upper()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount >= 10**12:
        activity.flags.append({"field": "budget", "code": "invalid_budget", "text": text[:40], "blocking": False})
    elif currency not in CURRENCIES:
        activity.flags.append({"field": "budget", "code": "unknown_code", "text": currency[:40], "blocking": False})
    else:
        activity.fields["budget"] = amount
        activity.fields["currency"] = currency


def _refuse_invisible(activity) -> None:
    """Titles, partners' names, outputs and the proposed organisation's name carry no invisible character, and
    descriptions no direction override: an activity with one is refused, with what to correct."""
    labels = {
        "title": _("Title"),
        "description": _("Description"),
        "partners": _("Partner or donor"),
        "outputs": _("Output"),
        "organisation": _("Organisation"),
    }
    texts = [(name.split("_")[0], value) for name, value in activity.fields.items()]
    texts += [("partners", p["name"]) for p in activity.partners]
    texts += [("outputs", o[key]) for o in activity.outputs for key in ("unit", "description")]
    texts += [("organisation", activity.proposed_organisation)]
    for name, value in texts:
        if not isinstance(value, str):
            continue
        try:
            no_invisible_characters(value, multiline=name == "description")
        except ValidationError as error:
            message = _("%(field)s: %(message)s") % {"field": labels.get(name, name), "message": error.messages[0]}
            activity.errors.append(validation.Problem(name, "invisible", message))
