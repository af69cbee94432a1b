"""Import a 4W table: each row is checked like a typed project; a preview lists what will be created or
updated and every error with its row and column; nothing is written unless every row is valid, and the
import is one transaction."""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from core.models import AuditEvent
from core.text import normalise
from members.models import Organisation, Sector
from places.models import Place
from projects import services, tables, validation
from projects.fourw import COLUMNS
from projects.models import Project

NAMES = {tag: name for name, tag in COLUMNS}
STATUSES = {value: value for value in Project.Status.values}  # "Completed" normalises to "completed"
COUNTS = {
    "#targeted+ind": "targeted_total",
    "#reached+ind": "reached_total",
    "#reached+f+adults": "reached_women",
    "#reached+m+adults": "reached_men",
    "#reached+f+children": "reached_girls",
    "#reached+m+children": "reached_boys",
}


@dataclass
class Row:
    number: int  # the row's number in the file, from 1
    organisation: Organisation | None = None
    code: str = ""
    values: dict = field(default_factory=dict)
    sectors: list = field(default_factory=list)
    places: list = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


@dataclass
class Planned:
    action: str  # "create" or "update"
    organisation: Organisation
    project: Project | None
    rows: list[Row]
    values: dict
    sectors: list
    places: list

    @property
    def title(self) -> str:
        return self.values.get("title_en") or self.values.get("title_ar") or ""


@dataclass
class Preview:
    planned: list[Planned]
    rows: list[Row]
    error: str = ""

    @property
    def errors(self) -> list[tuple[int, str, str]]:
        return [(r.number, column, message) for r in self.rows for column, message in r.errors]

    @property
    def ok(self) -> bool:
        return not self.error and not self.errors and bool(self.planned)


def _date(text: str):
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _count(text: str):
    text = text.replace(",", "").replace("٬", "").strip()
    if not text:
        return None
    if not re.fullmatch(r"-?\d+(\.0+)?", text):
        raise ValueError
    return int(float(text))


class _Lookups:
    def __init__(self, organisations):
        self.organisations = {}
        for org in organisations:
            for name in [org.slug, *(getattr(org, f"name_{c}") for c in ("ar", "ku", "syr", "en")), org.acronym]:
                if name:
                    self.organisations.setdefault(normalise(name), org)
        self.places = {p.pcode: p for p in Place.objects.exclude(pcode="")}
        self.place_names = {}
        for p in Place.objects.all():
            for name in (p.name_en, p.name_ar):
                self.place_names.setdefault(normalise(name), p)
        self.sectors = list(Sector.objects.all())


def _parse(number, row, cols, lookups, allowed) -> Row:
    def cell(tag):
        index = cols.get(tag)
        return row[index].strip() if index is not None and index < len(row) else ""

    result = Row(number)
    org_name = cell("#org+lead")
    org = lookups.organisations.get(normalise(org_name))
    if not org_name:
        result.errors.append((NAMES["#org+lead"], _("The organisation is missing.")))
    elif org is None:
        result.errors.append((NAMES["#org+lead"], _("“%(name)s” is not a member organisation.") % {"name": org_name}))
    elif allowed is not None and org.pk not in allowed:
        result.errors.append((NAMES["#org+lead"], _("You may not import projects of “%(name)s”.") % {"name": org_name}))
    result.organisation = org
    result.code = cell("#activity+code")
    title = cell("#activity+name")
    if title:
        key = "title_ar" if re.search("[\u0600-\u06ff]", title) else "title_en"
        result.values[key] = title[:300]
        result.values["original_language"] = key[-2:]
    for tag, name in (("#date+start", "actual_start"), ("#date+end", "actual_end")):
        try:
            result.values[name] = _date(cell(tag))
        except ValueError:
            result.errors.append((NAMES[tag], _("“%(text)s” is not a valid date.") % {"text": cell(tag)}))
    status = cell("#status")
    if status:
        if normalise(status) in STATUSES:
            result.values["status"] = STATUSES[normalise(status)]
        else:
            result.errors.append((NAMES["#status"], _("“%(text)s” is not a known status.") % {"text": status}))
    for tag, name in COUNTS.items():
        try:
            value = _count(cell(tag))
        except ValueError:
            result.errors.append((NAMES[tag], _("“%(text)s” is not a number.") % {"text": cell(tag)}))
            continue
        if value is not None and (value < 0 or value > validation.ABSURD_COUNT):
            result.errors.append((NAMES[tag], _("%(value)s people is not a possible count.") % {"value": value}))
        result.values[name] = value
    cluster, dac = cell("#sector+cluster"), cell("#sector+code")
    sector = next((s for s in lookups.sectors if dac and s.dac_code == dac), None) or next(
        (s for s in lookups.sectors if cluster and normalise(s.get_iasc_cluster_display()) == normalise(cluster)), None
    )
    if sector:
        result.sectors.append(sector)
    elif cluster or dac:
        result.errors.append(
            (NAMES["#sector+cluster"], _("“%(text)s” is not a known sector.") % {"text": cluster or dac})
        )
    for code_tag, name_tag in (
        ("#loc+code", "#loc+name"),
        ("#adm3+code", "#adm3+name"),
        ("#adm2+code", "#adm2+name"),
        ("#adm1+code", "#adm1+name"),
    ):
        code, name = cell(code_tag), cell(name_tag)
        if code:
            place = lookups.places.get(code.upper())
            if place is None:
                result.errors.append(
                    (NAMES[code_tag], _("“%(text)s” is not a P-code of the gazetteer.") % {"text": code})
                )
            else:
                result.places.append(place)
            break
        if name and name_tag != "#loc+name":
            place = lookups.place_names.get(normalise(name))
            if place is None:
                result.errors.append(
                    (
                        NAMES[name_tag],
                        _(
                            "The place “%(text)s” is not in the gazetteer; choose it or ask the technical team to add it."
                        )
                        % {"text": name},
                    )
                )
            else:
                result.places.append(place)
            break
    return result


def preview(name: str, data: bytes, *, allowed_organisations=None) -> Preview:
    """`allowed_organisations`: the pks the importer may write for, or None for all (the technical team)."""
    try:
        rows = tables.read(name, data)
    except tables.TableError as error:
        return Preview([], [], str(error))
    cols, start = tables.columns(rows, COLUMNS)
    if "#org+lead" not in cols:
        return Preview([], [], _("The table has no organisation column (“Organisation” or #org+lead)."))
    lookups = _Lookups(Organisation.objects.public())
    parsed = [
        _parse(start + i + 1, row, cols, lookups, allowed_organisations)
        for i, row in enumerate(rows[start:])
        if any(cell.strip() for cell in row)
    ]
    groups: dict = {}
    for row in parsed:
        key = (row.organisation.pk if row.organisation else None, row.code or f"row-{row.number}")
        groups.setdefault(key, []).append(row)
    existing = {p.code: p for p in Project.objects.filter(code__in=[r.code for r in parsed if r.code])}
    planned = []
    for (_org, _code), group in groups.items():
        first = group[0]
        values = {k: v for k, v in first.values.items()}
        sectors = list(dict.fromkeys(s for r in group for s in r.sectors))
        places = list(dict.fromkeys(p for r in group for p in r.places))
        if any(r.errors for r in group) or first.organisation is None:
            continue
        project = existing.get(first.code)
        if project is not None and project.organisation_id != first.organisation.pk:
            first.errors.append(
                (
                    NAMES["#activity+code"],
                    _("The project %(code)s belongs to another organisation.") % {"code": first.code},
                )
            )
            continue
        problems = validation.blocking(validation.check({**values, "sectors": sectors, "places": places}))
        for problem in problems:
            column = {
                "actual_start": "#date+start",
                "actual_end": "#date+end",
                "sectors": "#sector+cluster",
                "places": "#adm3+code",
                "title": "#activity+name",
            }.get(problem.field, "#reached+ind")
            first.errors.append((NAMES.get(column, column), str(problem.message)))
        if problems:
            continue
        planned.append(
            Planned("update" if project else "create", first.organisation, project, group, values, sectors, places)
        )
    return Preview(planned, parsed)


@transaction.atomic
def apply(preview: Preview, *, actor) -> list[Project]:
    if not preview.ok:
        raise ValueError("An import with errors writes nothing.")
    done = []
    for plan in preview.planned:
        done.append(
            services.project_save(
                actor=actor,
                organisation=plan.organisation,
                project=plan.project,
                fields=plan.values,
                sectors=plan.sectors,
                places=plan.places,
                audit_action=AuditEvent.Action.PROJECT_IMPORTED,
            )
        )
    return done
