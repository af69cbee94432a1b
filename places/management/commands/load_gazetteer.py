"""`manage.py load_gazetteer`: Syria's administrative places from OCHA's P-code table, loaded or updated,
with the Kurmanji names and common English spellings of the coalition's four regions (aliases_nes.csv)."""

import csv
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from core.text import normalise
from places.models import Place

GAZETTEER = Path(__file__).resolve().parents[2] / "data" / "syr_admin1-3_pcodes_en_ar.csv"
# Other names of places of the four regions, one per row with its language and source (ATTRIBUTION.md).
ALIASES = Path(__file__).resolve().parents[2] / "data" / "aliases_nes.csv"


def extra_aliases() -> dict[str, list[str]]:
    """P-code -> the other names aliases_nes.csv gives it, in the file's order."""
    found: dict[str, list[str]] = {}
    with ALIASES.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            found.setdefault(row["pcode"], []).append(row["alias"].strip())
    return found


def _coordinate(value: str) -> Decimal | None:
    # Stored with 5 decimals (about a metre): round here so a second run compares equal.
    return Decimal(value).quantize(Decimal("0.00001")) if value else None


class Command(BaseCommand):
    help = "Load Syria's governorates, districts and sub-districts (OCHA P-codes). Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        with GAZETTEER.open(encoding="utf-8") as f:
            rows = sorted(csv.DictReader(f), key=lambda r: int(r["admin_level"]))
        existing = {p.pcode: p for p in Place.objects.exclude(pcode="")}
        extra = extra_aliases()
        created = updated = 0
        for row in rows:
            parent = existing.get(row["parent_pcode"])
            values = {
                "level": int(row["admin_level"]),
                "parent": parent,
                "name_en": row["name_en"],
                "name_ar": row["name_ar"],
                "aliases": "\n".join(a for a in (row["aliases_en"] + "|" + row["aliases_ar"]).split("|") if a),
                "latitude": _coordinate(row["lat"]),
                "longitude": _coordinate(row["lon"]),
                "geonames_id": row["geonames_id"],
            }
            if row.get("ocha_name_en_adm1_2") and row["ocha_name_en_adm1_2"] != row["name_en"]:
                values["aliases"] += "\n" + row["ocha_name_en_adm1_2"]
            known = {normalise(a) for a in values["aliases"].splitlines()}
            for alias in extra.get(row["pcode"], []):
                if normalise(alias) not in known:
                    known.add(normalise(alias))
                    values["aliases"] += "\n" + alias
            values["search_text"] = normalise(" ".join([values["name_en"], values["name_ar"], values["aliases"]]))
            place = existing.get(row["pcode"])
            if place is None:
                existing[row["pcode"]] = Place.objects.create(pcode=row["pcode"], **values)
                created += 1
            elif any(getattr(place, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(place, k, v)
                place.save()
                updated += 1
        self.stdout.write(f"Gazetteer: {created} places created, {updated} updated, {len(rows)} in the file.")
