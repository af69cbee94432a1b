"""What a new-user walk of the appeals pages found (December 2026), held by tests: on a phone a quantity and its
unit, or an amount and its currency, never break onto two lines of a table cell."""

import re

import pytest

SLUG = "here-is-syria"


def _number_cells(html):
    """Table cells that start with a figure (a quantity, an amount)."""
    return re.findall(r"<td([^>]*)>\s*-?[0-9][0-9٬٫,.\u00a0 ]*(?:<|\s)", html)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_public_figures_keep_numbers_and_units_together(client, demo, lang):
    for path in (f"/{lang}/appeals/{SLUG}/", f"/{lang}/appeals/{SLUG}/print/"):
        html = client.get(path).content.decode()
        cells = _number_cells(html)
        assert cells, path
        assert all('class="qty"' in attrs for attrs in cells if "data-value" in attrs), path


def test_a_points_stock_and_cash_keep_numbers_and_units_together(as_user, demo):
    from appeals.models import CollectionPoint

    point = CollectionPoint.objects.get(appeal__slug=SLUG, organisation__slug="astefir-al-zour")
    html = as_user("astefir_admin").get(f"/ar/appeals/points/{point.code}/").content.decode()
    cells = _number_cells(html)
    assert cells
    assert all('class="qty"' in attrs for attrs in cells), cells
