"""IATI 2.03 activity XML: export of projects, and a safe parser for imports."""

from decimal import Decimal

from django.utils import timezone
from lxml import etree

from core.i18n import LANGUAGE_CODES
from places.tree import tree
from projects.models import Project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# IATI's ActivityStatus codes for ours.
STATUS = {
    Project.Status.PLANNED: "1",
    Project.Status.ONGOING: "2",
    Project.Status.COMPLETED: "3",
    Project.Status.CANCELLED: "5",
    Project.Status.SUSPENDED: "6",
}
ORG_TYPE_NATIONAL_NGO = "24"
# IATI's language codes for ours: Kurmanji is "ku"; Syriac has no ISO 639-1 code in IATI's list.
IATI_LANG = {"ar": "ar", "en": "en", "ku": "ku"}


def _narratives(parent, texts: dict, default: str):
    for lang, text in texts.items():
        if text and text.strip() and lang in IATI_LANG:
            narrative = etree.SubElement(parent, "narrative")
            narrative.text = text.strip()
            if IATI_LANG[lang] != default:
                narrative.set(XML_LANG, IATI_LANG[lang])


def _texts(obj, field) -> dict:
    return {code: getattr(obj, f"{field}_{code}", "") for code in LANGUAGE_CODES}


def _org(parent, tag, organisation, role=None, default="en"):
    element = etree.SubElement(parent, tag, ref=organisation.iati_ref, type=ORG_TYPE_NATIONAL_NGO)
    if role:
        element.set("role", role)
    _narratives(element, _texts(organisation, "name"), default)
    return element


def _split(total: int, n: int) -> list[int]:
    """n integer percentages adding up to total."""
    base = [total // n] * n
    for i in range(total - sum(base)):
        base[i] += 1
    return base


def activity(project, places) -> etree._Element:
    default = IATI_LANG.get(project.original_language, "en")
    root = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
            XML_LANG: default,
            "default-currency": project.currency or "USD",
        },
    )
    etree.SubElement(root, "iati-identifier").text = f"{project.organisation.iati_ref}-{project.code}"
    _org(root, "reporting-org", project.organisation, default=default)
    _narratives(etree.SubElement(root, "title"), _texts(project, "title"), default)
    descriptions = _texts(project, "description")
    if not any(t.strip() for t in descriptions.values()):
        descriptions = _texts(project, "title")  # IATI requires a description; the title stands in
    _narratives(etree.SubElement(root, "description", type="1"), descriptions, default)
    _org(root, "participating-org", project.organisation, role="4", default=default)
    for partner in project.partners.all():
        element = etree.SubElement(root, "participating-org", role=partner.role)
        if partner.organisation_id:
            element.set("ref", partner.organisation.iati_ref)
        etree.SubElement(element, "narrative").text = partner.name
    etree.SubElement(root, "activity-status", code=STATUS[project.status])
    for date_type, value in (
        ("1", project.planned_start),
        ("2", project.actual_start),
        ("3", project.planned_end),
        ("4", project.actual_end),
    ):
        if value:
            etree.SubElement(root, "activity-date", type=date_type, **{"iso-date": value.isoformat()})
    etree.SubElement(root, "recipient-country", code="SY", percentage="100")
    for place in project.places.all():
        node = places.nodes.get(place.pk)
        location = etree.SubElement(root, "location")
        if place.pcode:
            location.set("ref", place.pcode)
        etree.SubElement(location, "location-reach", code="1")
        if place.geonames_id:
            etree.SubElement(location, "location-id", vocabulary="G1", code=place.geonames_id)
        _narratives(etree.SubElement(location, "name"), {"en": place.name_en, "ar": place.name_ar}, default)
        if place.geonames_id and place.level <= 4:
            etree.SubElement(
                location, "administrative", vocabulary="G1", level=str(min(place.level, 4)), code=place.geonames_id
            )
        if node and node.lat is not None:
            point = etree.SubElement(location, "point", srsName="http://www.opengis.net/def/crs/EPSG/0/4326")
            etree.SubElement(point, "pos").text = f"{node.lat:.5f} {node.lon:.5f}"
            etree.SubElement(location, "exactness", code="2")  # approximate: the centroid of the place
        etree.SubElement(location, "location-class", code="1")  # administrative region
    sectors = list(project.sectors.all())
    for sector, share in zip(sectors, _split(100, len(sectors)) if sectors else [], strict=False):
        if sector.dac_code:
            etree.SubElement(root, "sector", vocabulary="1", code=sector.dac_code, percentage=str(share))
    clustered = [s for s in sectors if s.iasc_cluster]
    clusters: dict[str, int] = {}
    for sector, share in zip(clustered, _split(100, len(clustered)) if clustered else [], strict=False):
        clusters[sector.iasc_cluster] = clusters.get(sector.iasc_cluster, 0) + share
    for code, share in clusters.items():
        etree.SubElement(root, "sector", vocabulary="10", code=code, percentage=str(share))
    start, end = project.start, project.end
    if project.budget is not None and start and end:
        budget = etree.SubElement(root, "budget", type="1", status="1")
        etree.SubElement(budget, "period-start", **{"iso-date": start.isoformat()})
        etree.SubElement(budget, "period-end", **{"iso-date": end.isoformat()})
        value = etree.SubElement(
            budget, "value", currency=project.currency or "USD", **{"value-date": start.isoformat()}
        )
        value.text = f"{project.budget:f}"
    for link in project.links.all():
        document = etree.SubElement(root, "document-link", url=link.url, format="text/html")
        _narratives(etree.SubElement(document, "title"), {"en": link.title or link.get_kind_display()}, default)
        etree.SubElement(document, "category", code="A12")  # activity web page: articles, photos, videos
    _results(root, project, default, start, end)
    return root


def _indicator(result, title: str, default, start, end, target=None, actual=None):
    indicator = etree.SubElement(result, "indicator", measure="1")
    _narratives(etree.SubElement(indicator, "title"), {"en": title}, default)
    if start and end and (target is not None or actual is not None):
        period = etree.SubElement(indicator, "period")
        etree.SubElement(period, "period-start", **{"iso-date": start.isoformat()})
        etree.SubElement(period, "period-end", **{"iso-date": end.isoformat()})
        if target is not None:
            etree.SubElement(period, "target", value=_value(target))
        if actual is not None:
            etree.SubElement(period, "actual", value=_value(actual))


def _value(number) -> str:
    if isinstance(number, Decimal):
        return f"{number.normalize():f}"
    return str(number)


def _results(root, project, default, start, end):
    outputs = list(project.outputs.all())
    if outputs:
        result = etree.SubElement(root, "result", type="1")  # output
        _narratives(etree.SubElement(result, "title"), {"en": "Outputs"}, default)
        for output in outputs:
            _indicator(
                result, f"{output.unit} {output.description}".strip(), default, start, end, actual=output.quantity
            )
    if project.targeted_total is not None or project.reached_total is not None:
        result = etree.SubElement(root, "result", type="2")  # outcome
        _narratives(etree.SubElement(result, "title"), {"en": "People reached"}, default)
        _indicator(
            result,
            "Number of people reached",
            default,
            start,
            end,
            target=project.targeted_total,
            actual=project.reached_total,
        )


def export(projects) -> bytes:
    places = tree()
    root = etree.Element(
        "iati-activities", version="2.03", **{"generated-datetime": timezone.now().replace(microsecond=0).isoformat()}
    )
    projects = (
        projects.select_related("organisation")
        .prefetch_related("sectors", "places", "outputs", "partners__organisation", "links")
        .order_by("organisation__slug", "pk")
    )
    for project in projects.iterator(chunk_size=500):
        if project.start is None:  # IATI needs a date; such a project is not publishable anyway
            continue
        root.append(activity(project, places))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading ------------------------------------------------------------------------------------------


class UnsafeXML(ValueError):
    pass


def parse(data: bytes) -> etree._Element:
    """Parse untrusted XML: no DTD, no entities, no network, no huge trees (XXE, billion laughs)."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise UnsafeXML("DOCTYPE and ENTITY declarations are not accepted.")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(str(error)) from None
