"""The 4W view (who does what, where, when): the selection from the page's filters, its matrix of
places × sectors with the organisations and people reached, the gaps, the series of the charts and the
points of the map, each kept in the shared cache until the next write to projects."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import translation
from django.utils.translation import gettext as _

from coalition.models import Region
from core import reference
from core.permissions import is_technical_team
from core.text import search_terms
from fourw import charts
from fourw.permissions import importable_organisations
from members.models import Organisation
from places.tree import tree
from projects.models import Project
from projects.selectors import sectors

CACHE_SECONDS = 600


def _date(value: str):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def regions() -> list:
    return reference.cached("regions", lambda: list(Region.objects.all()))


@dataclass
class Selection:
    region: str = ""
    place: str = ""  # a P-code: governorate, district or sub-district
    sector: str = ""
    organisation: str = ""
    status: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    unpublished: bool = False
    # A filter that names nothing we know (a P-code not in the gazetteer, "2023-13-45"): its query parameter
    # and what is wrong. Such a selection selects no project, rather than every one.
    errors: dict = field(default_factory=dict)

    @classmethod
    def from_query(cls, query, user=None) -> "Selection":
        """The selection a page's (or the API's) query asks for; unpublished projects only for the
        technical team (`user` None: an anonymous reader)."""
        dates = {name: query.get(name, "").strip()[:40] for name in ("from", "to")}
        selection = cls(
            region=query.get("region", "")[:50],
            place=query.get("place", "")[:20],
            sector=query.get("sector", "")[:50],
            organisation=query.get("organisation", "")[:120],
            status=query.get("status", "")[:12],
            start=_date(dates["from"]),
            end=_date(dates["to"]),
            unpublished=query.get("unpublished") == "1" and user is not None and is_technical_team(user),
        )
        selection.errors = selection._unknown(dates)
        return selection

    def _unknown(self, dates: dict) -> dict:
        errors = {}
        if self.region and self.region not in {r.slug for r in regions()}:
            errors["region"] = _("“%(text)s” is not a region of the coalition.") % {"text": self.region}
        if self.place and self.place not in tree().by_pcode:
            errors["place"] = _("“%(text)s” is not a P-code of the gazetteer.") % {"text": self.place}
        if self.sector and self.sector not in {s.slug for s in sectors()}:
            errors["sector"] = _("“%(text)s” is not a sector of the coalition.") % {"text": self.sector}
        if self.status and self.status not in Project.Status.values:
            errors["status"] = _("“%(text)s” is not a project status.") % {"text": self.status}
        for name, text in dates.items():
            if text and _date(text) is None:
                errors[name] = _("“%(text)s” is not a valid date.") % {"text": text}
        return errors

    def query_string(self) -> str:
        pairs = {
            "region": self.region,
            "place": self.place,
            "sector": self.sector,
            "organisation": self.organisation,
            "status": self.status,
            "from": self.start and self.start.isoformat(),
            "to": self.end and self.end.isoformat(),
            "unpublished": "1" if self.unpublished else "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})

    def scope(self) -> list:
        """The sub-districts the selection covers: the place's, the region's, or all the coalition's (none when
        a filter is unknown)."""
        if self.errors:
            return []
        places = tree()
        if self.place and self.place in places.by_pcode:
            return places.descendants(places.by_pcode[self.place].pk, 3)
        regions = Region.objects.prefetch_related("places")
        if self.region:
            regions = regions.filter(slug=self.region)
        out = {}
        for region in regions:
            for place in region.places.all():
                for node in places.descendants(place.pk, 3):
                    out[node.pk] = node
        return sorted(out.values(), key=lambda n: n.pcode)

    def projects(self):
        """The selected projects, one row each: many-to-many filters are subqueries, so the aggregations
        below join places and sectors once and never need DISTINCT."""
        if self.errors:
            return Project.objects.none()
        projects = Project.objects.all() if self.unpublished else Project.objects.published()
        if self.sector:
            projects = projects.filter(
                pk__in=Project.sectors.through.objects.filter(sector__slug=self.sector).values("project_id")
            )
        if self.organisation:
            # A slug from a link, or words of the organisation's name typed in the filter.
            organisations = Organisation.objects.filter(slug=self.organisation)
            if not organisations.exists():
                organisations = Organisation.objects.all()
                for term in search_terms(self.organisation):
                    organisations = organisations.filter(search_text__contains=term)
            projects = projects.filter(organisation__in=organisations.values("pk"))
        if self.status:
            projects = projects.filter(status=self.status)
        if self.start:
            projects = projects.filter(
                Q(actual_end__gte=self.start)
                | Q(actual_end__isnull=True, planned_end__gte=self.start)
                | Q(actual_end__isnull=True, planned_end__isnull=True)
            )
        if self.end:
            projects = projects.filter(
                Q(actual_start__lte=self.end) | Q(actual_start__isnull=True, planned_start__lte=self.end)
            )
        if self.place or self.region:
            # A project at a coarser level (the governorate) counts for the places under it.
            wanted = covered(tree(), self.scope())
            projects = projects.filter(
                pk__in=Project.places.through.objects.filter(place_id__in=wanted).values("project_id")
            )
        return projects

    def cache_key(self, part: str) -> str:
        return f"fourw:{version()}:{part}:{translation.get_language()}:{self.query_string()}"


def version() -> int:
    """Bumped by every write to projects or memberships, so cached 4W figures never outlive the data."""
    return reference.data_version("projects")


def cached(selection: Selection, part: str, compute):
    """The 4W figures of a selection, kept in the shared cache until the next write to projects."""
    if selection.errors:  # nothing to count; and its query string may equal a valid one's (a dropped date)
        return compute(selection)
    key = selection.cache_key(part)
    value = cache.get(key)
    if value is None:
        value = compute(selection)
        cache.set(key, value, CACHE_SECONDS)
    return value


# SQL for the matrix row of a linked place: a community counts for its sub-district (communities are always added
# under one, see places.services), any other place for itself.
ROW_OF_PLACE = "CASE WHEN pl.level = 4 THEN pl.parent_id ELSE pl.id END"


def _select(projects) -> tuple[str, list] | None:
    try:
        return projects.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a selection that cannot match (no place in scope, an unknown filter)
        return None


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "project": quote(Project._meta.db_table),
        "places": quote(Project.places.through._meta.db_table),
        "sectors": quote(Project.sectors.through._meta.db_table),
        "place": quote(Project.places.field.related_model._meta.db_table),
    }


def matrix(selection: Selection) -> dict:
    """Rows of sub-districts (or the coarser place a project names), columns of sectors. A project counts once in
    each cell it works in: two of its places in one sub-district (or a sub-district and a community in it) do not
    make it count twice."""
    places = tree()
    columns = sectors()
    projects = selection.projects()
    table: dict = {}
    for row_pk, sector_pk, count, organisations, reached in _cells(projects):
        table.setdefault(row_pk, {})[sector_pk] = {
            "projects": count,
            "organisations": organisations,
            "reached": reached or 0,
        }
    scope = selection.scope()
    for node in scope:
        table.setdefault(node.pk, {})
    shown = set(places.nodes)
    if selection.place or selection.region:
        # A project working in two districts is selected by either; only its places inside the filter are rows.
        shown = covered(places, scope)
    rows = sorted((pk for pk in table if pk in shown), key=lambda pk: places.nodes[pk].pcode)
    return {
        "sectors": columns,
        "rows": [(places.nodes[pk], [table[pk].get(s.pk) for s in columns]) for pk in rows],
        "empty_places": sum(1 for pk in rows if not table[pk]),
        "totals": {
            **projects.aggregate(projects=Count("pk"), reached=Sum("reached_total")),
            "organisations": projects.order_by().values("organisation").distinct().count(),
        },
    }


def _cells(projects):
    """(row place, sector, projects, organisations, people reached) for each pair where the selection works.

    Written in SQL over the two link tables (the ORM's version of this join is three times slower); the inner
    DISTINCT keeps one line per project, row and sector before anything is added up."""
    selected = _select(projects)
    if selected is None:
        return []
    sql, params = selected
    t = _tables()
    # Table names come from the models and every value is a bound parameter of the ORM's own subquery.
    query = (
        "SELECT row_id, sector_id, COUNT(*), COUNT(DISTINCT organisation_id), SUM(reached_total) FROM ("  # noqa: S608
        f"SELECT DISTINCT {ROW_OF_PLACE} AS row_id, ps.sector_id AS sector_id, p.id AS project_id, "
        "p.organisation_id AS organisation_id, p.reached_total AS reached_total "
        f"FROM {t['project']} p "
        f"JOIN {t['places']} pp ON pp.project_id = p.id "
        f"JOIN {t['place']} pl ON pl.id = pp.place_id "
        f"JOIN {t['sectors']} ps ON ps.project_id = p.id "
        f"WHERE p.id IN ({sql})) cells GROUP BY row_id, sector_id"
    )
    return _fetch(query, params)


def covered(places, nodes) -> set[int]:
    """The places whose projects work in the sub-districts `nodes`: the sub-districts, their district and
    governorate (a project there covers them) and their communities. The region filter and the region chart
    both use it, so a region's bar is what the page shows when filtered by that region."""
    wanted = set()
    for node in nodes:
        wanted.update(n.pk for n in places.chain(node.pk).values())
        wanted.update(c.pk for c in places.children.get(node.pk, []))
    return wanted


def region_places() -> dict[str, set]:
    """For each region's slug, the places a project works in when it works in that region."""

    def load():
        places = tree()
        return {
            region.slug: covered(
                places, {n.pk: n for p in region.places.all() for n in places.descendants(p.pk, 3)}.values()
            )
            for region in Region.objects.prefetch_related("places")
        }

    return reference.cached("fourw-region-places", load)


def series(selection: Selection) -> dict:
    """People reached by sector, by region and by year, for the charts. Each series says how it adds up to the
    page's total: a project counts once in each sector and in each region it works in, and once in the year it
    started; projects with no sector, no region or no start have a bar of their own."""
    base = selection.projects()
    by_pk = {s.pk: s for s in sectors()}
    by_sector, no_sector = [], 0
    for r in base.values("sectors__pk").annotate(n=Sum("reached_total")).order_by("sectors__pk"):
        if r["sectors__pk"] in by_pk:
            by_sector.append((str(by_pk[r["sectors__pk"]].name), r["n"] or 0))
        elif r["sectors__pk"] is None:
            no_sector += r["n"] or 0
    if no_sector:
        by_sector.append((_("No sector given"), no_sector))
    by_year, no_year = [], 0
    for r in (
        base.annotate(year=ExtractYear(Coalesce("actual_start", "planned_start")))
        .values("year")
        .annotate(n=Sum("reached_total"))
        .order_by("year")
    ):
        if r["year"]:
            by_year.append((str(r["year"]), r["n"] or 0))
        else:
            no_year += r["n"] or 0
    if no_year:
        by_year.append((_("No start date"), no_year))
    return {"sector": by_sector, "region": _by_region(base), "year": by_year}


def _by_region(projects) -> list[tuple]:
    """Each region's bar is the total of the projects the region filter selects (one query a region, whatever the
    number of projects); the projects no region selects have a bar of their own."""
    links = Project.places.through.objects
    covering = region_places()
    out, anywhere = [], set()
    for region in regions():
        places = covering.get(region.slug, set())
        anywhere |= places
        selected = projects.filter(pk__in=links.filter(place_id__in=places).values("project_id"))
        out.append((str(region.name), selected.aggregate(n=Sum("reached_total"))["n"] or 0))
    elsewhere = projects.exclude(pk__in=links.filter(place_id__in=anywhere).values("project_id"))
    rest = elsewhere.aggregate(n=Sum("reached_total"))["n"] or 0
    if rest:
        out.append((_("Outside the regions, or no place given"), rest))
    return out


def points(selection: Selection) -> list[tuple]:
    """(place node, people reached, projects) for the map and its table: sub-districts, and the coarser places
    projects name. A project counts once in each (its places in one sub-district do not add up twice)."""
    places = tree()
    selected = _select(selection.projects())
    if selected is None:
        return []
    sql, params = selected
    t = _tables()
    query = (
        "SELECT row_id, SUM(reached_total), COUNT(*) FROM ("  # noqa: S608 - as in _cells
        f"SELECT DISTINCT {ROW_OF_PLACE} AS row_id, p.id AS project_id, p.reached_total AS reached_total "
        f"FROM {t['project']} p JOIN {t['places']} pp ON pp.project_id = p.id "
        f"JOIN {t['place']} pl ON pl.id = pp.place_id "
        f"WHERE p.id IN ({sql})) located GROUP BY row_id"
    )
    return [
        (places.nodes[pk], reached or 0, count) for pk, reached, count in _fetch(query, params) if pk in places.nodes
    ]


def place_choices() -> list[tuple]:
    """The governorates of the coalition's regions with their districts and sub-districts, for the filter:
    (place node, depth) in the order the list shows them."""
    places = tree()
    governorates = set()
    for region in reference.cached("regions-places", lambda: list(Region.objects.prefetch_related("places"))):
        for place in region.places.all():
            node = places.ancestor(place.pk, 1)
            if node:
                governorates.add(node.pk)
    out = []

    def walk(node, depth):
        out.append((node, depth))
        if depth < 2:
            for child in sorted(places.children.get(node.pk, []), key=lambda n: n.pcode):
                walk(child, depth + 1)

    for pk in sorted(governorates, key=lambda pk: places.nodes[pk].pcode):
        walk(places.nodes[pk], 0)
    return out


def map_rows(located: list[tuple]) -> list[tuple]:
    """The map's figures as the table beside it lists them: places that name a whole governorate or district
    first, then sub-districts, in P-code order."""
    return sorted(located, key=lambda row: (row[0].level == 3, row[0].pcode or "", row[0].name_en))


def can_import(user) -> bool:
    """Whether the 4W page links to the import page for this reader."""
    return user is not None and user.is_authenticated and importable_organisations(user) != set()


def page(selection: Selection, user=None) -> dict:
    """What the 4W page shows for a selection: the matrix, the map and charts (drawn in the reader's
    language and direction) and the filters' choices."""
    lang = translation.get_language()
    rtl = translation.get_language_bidi()
    figures = cached(selection, "series", series)
    located = cached(selection, "points", points)
    return {
        "selection": selection,
        "query": selection.query_string(),
        "matrix": cached(selection, "matrix", matrix),
        "map": charts.map_svg(
            selection.scope(),
            {node.pcode: (reached, count) for node, reached, count in located if node.level == 3},
            lang=lang,
            rtl=rtl,
            title=_("Map of people reached by sub-district"),
        ),
        "map_rows": map_rows(located),
        "chart_sector": charts.bars_svg(figures["sector"], rtl=rtl, title=_("People reached by sector")),
        "chart_region": charts.bars_svg(figures["region"], rtl=rtl, title=_("People reached by region")),
        "chart_year": charts.bars_svg(figures["year"], rtl=rtl, title=_("People reached by year")),
        "series": figures,
        "regions": regions(),
        "sectors": sectors(),
        "place_choices": place_choices(),
        "statuses": Project.Status.choices,
        "can_import": can_import(user),
    }
