"""The preview of a 4W table import: each row is checked like a typed project; the preview lists what
will be created or updated and every error with its row and column (a cell hiding invisible characters is
one). Nothing is written here: an import with no error is written by fourw.services.import_table, in one
transaction; an update of a published project then waits for the technical team's review."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.i18n import all_texts
from core.text import normalise
from core.validators import invisible_characters, one_line
from fourw import table
from members.models import Organisation
from members.selectors import organisation_by_name
from places.selectors import name_index
from projects import validation
from projects.models import Project
from projects.selectors import sectors as coalition_sectors
from projects.services import values_of

NAMES = table.NAMES
STATUSES = {value: value for value in Project.Status.values}  # "Completed" normalises to "completed"
# The column an error of the project's rules is shown in, by the field the rule concerns.
RULE_COLUMNS = {
    "actual_start": "#date+start",
    "actual_end": "#date+end",
    "sectors": "#sector+cluster",
    "places": "#adm3+code",
    "title": "#activity+name",
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
    sectors: list | None  # None: an update that leaves them as they are
    places: list | None

    @property
    def title(self) -> str:
        title = self.values.get("title_en") or self.values.get("title_ar")
        return title or (str(self.project.title) if self.project else "")


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


class _Reader:
    """Reads rows against the gazetteer, the sectors and the member organisations, each looked up once."""

    def __init__(self, cols: dict[str, int], allowed):
        self.cols, self.allowed = cols, allowed
        self.places = name_index()
        self.sectors = list(coalition_sectors())
        self.organisations: dict[str, Organisation | None] = {}

    def organisation(self, name: str) -> Organisation | None:
        """The member organisation of this name (applicants and others are not members)."""
        key = normalise(name)
        if key not in self.organisations:
            found = organisation_by_name(name)
            public = found is not None and found.status in Organisation.PUBLIC_STATUSES
            self.organisations[key] = found if public else None
        return self.organisations[key]

    def row(self, number: int, cells: list[str]) -> Row:
        result = Row(number)
        checked = set()

        def cell(tag):
            index = self.cols.get(tag)
            text = cells[index].strip() if index is not None and index < len(cells) else ""
            hidden = set(invisible_characters(text))
            if hidden and tag not in checked:
                # Names and titles: a direction override or a line break would let one pose as another. The row
                # is refused; its other messages quote the cell without those characters.
                checked.add(tag)
                try:
                    one_line(text)
                except ValidationError as error:
                    result.errors.append((NAMES[tag], error.messages[0]))
            return "".join(ch for ch in text if ch not in hidden)

        org_name = cell("#org+lead")
        org = self.organisation(org_name) if org_name else None
        if not org_name:
            result.errors.append((NAMES["#org+lead"], _("The organisation is missing.")))
        elif org is None:
            result.errors.append(
                (NAMES["#org+lead"], _("“%(name)s” is not a member organisation.") % {"name": org_name})
            )
        elif self.allowed is not None and org.pk not in self.allowed:
            result.errors.append(
                (NAMES["#org+lead"], _("You may not import projects of “%(name)s”.") % {"name": org_name})
            )
        result.organisation = org
        result.code = cell("#activity+code")
        title = cell("#activity+name")
        if title:
            key = "title_ar" if re.search("[\u0600-\u06ff]", title) else "title_en"
            result.values[key] = title[:300]
            result.values["original_language"] = key[-2:]
        for tag, name in (("#date+start", "actual_start"), ("#date+end", "actual_end")):
            if tag not in self.cols:  # a table without the column leaves the field as it is
                continue
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
        for tag, name in table.COUNT_COLUMNS.items():
            if tag not in self.cols:
                continue
            try:
                value = _count(cell(tag))
            except ValueError:
                result.errors.append((NAMES[tag], _("“%(text)s” is not a number.") % {"text": cell(tag)}))
                continue
            if value is not None and (value < 0 or value > validation.ABSURD_COUNT):
                result.errors.append((NAMES[tag], _("%(value)s people is not a possible count.") % {"value": value}))
            result.values[name] = value
        self._sector(result, cell("#sector+cluster"), cell("#sector+code"))
        self._place(result, cell)
        return result

    def _sector(self, result: Row, cluster: str, dac: str) -> None:
        sector = next((s for s in self.sectors if dac and s.dac_code == dac), None) or next(
            (s for s in self.sectors if cluster and normalise(s.get_iasc_cluster_display()) == normalise(cluster)),
            None,
        )
        if sector:
            result.sectors.append(sector)
        elif cluster or dac:
            result.errors.append(
                (NAMES["#sector+cluster"], _("“%(text)s” is not a known sector.") % {"text": cluster or dac})
            )

    def _place(self, result: Row, cell) -> None:
        """The finest place the row gives, by P-code, or by name (not a community's: those need a P-code)."""
        for code_tag, name_tag, level in table.PLACE_COLUMNS:
            code, name = cell(code_tag), cell(name_tag)
            if code:
                place = self.places.place_by_pcode(code)
                if place is None:
                    result.errors.append(
                        (NAMES[code_tag], _("“%(text)s” is not a P-code of the gazetteer.") % {"text": code})
                    )
                else:
                    result.places.append(place)
                return
            if name and name_tag != "#loc+name":
                place = self.places.place_by_name(name, level=level)
                if place is None:
                    result.errors.append(
                        (
                            NAMES[name_tag],
                            _(
                                "The place “%(text)s” is not in the gazetteer; choose it or ask the technical team "
                                "to add it."
                            )
                            % {"text": name},
                        )
                    )
                else:
                    result.places.append(place)
                return


def _as_exported(project: Project, values: dict) -> dict:
    """An update's values without what merely repeats our own export of the project, so that a table exported
    and imported again changes nothing: the export gives one title (any of the project's), the best-known dates
    (actual, else planned) and no language."""
    values = dict(values)
    values.pop("original_language", None)
    titles = {name: values[name] for name in ("title_en", "title_ar") if name in values}
    if titles and set(titles.values()) <= set(all_texts(project, "title")):
        for name in titles:
            values.pop(name)
    for name, best in (("actual_start", project.start), ("actual_end", project.end)):
        if name in values and getattr(project, name) is None and values[name] == best:
            values.pop(name)
    return values


def preview(name: str, data: bytes, *, allowed_organisations=None) -> Preview:
    """`allowed_organisations`: the pks the importer may write for, or None for all (the technical team)."""
    try:
        rows = table.read(name, data)
    except table.TableError as error:
        return Preview([], [], str(error))
    cols, start = table.columns(rows)
    if "#org+lead" not in cols:
        return Preview([], [], _("The table has no organisation column (“Organisation” or #org+lead)."))
    reader = _Reader(cols, allowed_organisations)
    parsed = [reader.row(start + i + 1, row) for i, row in enumerate(rows[start:]) if any(c.strip() for c in row)]
    groups: dict = {}
    for row in parsed:
        key = (row.organisation.pk if row.organisation else None, row.code or f"row-{row.number}")
        groups.setdefault(key, []).append(row)
    existing = {p.code: p for p in Project.objects.filter(code__in=[r.code for r in parsed if r.code])}
    planned = []
    for group in groups.values():
        first = group[0]
        values = dict(first.values)
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
        current = {}
        if project is not None:
            values = _as_exported(project, values)
            current = values_of(project)
            # A table without place or sector columns leaves the project's places or sectors as they are.
            if not any(
                tag in cols for code_tag, name_tag, _level in table.PLACE_COLUMNS for tag in (code_tag, name_tag)
            ):
                places = None
            if "#sector+cluster" not in cols and "#sector+code" not in cols:
                sectors = None
        merged = {**current, **values}
        merged["sectors"] = current.get("sectors") if sectors is None else sectors
        merged["places"] = current.get("places") if places is None else places
        problems = validation.blocking(validation.check(merged))
        for problem in problems:
            column = RULE_COLUMNS.get(problem.field, "#reached+ind")
            first.errors.append((NAMES.get(column, column), str(problem.message)))
        if problems:
            continue
        planned.append(
            Planned("update" if project else "create", first.organisation, project, group, values, sectors, places)
        )
    return Preview(planned, parsed)
