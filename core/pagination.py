"""Pagination that counts with the page query itself (COUNT(*) OVER ()), so a search scans once."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def window_page(queryset, number, per_page: int) -> Page:
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset.annotate(_total=Window(Count("pk")))[start : start + per_page])
    if not rows and number > 1:
        return window_page(queryset, 1, per_page)
    paginator = Paginator(queryset, per_page)
    paginator.__dict__["count"] = rows[0]._total if rows else 0  # fills the cached_property
    page = paginator.page(number)
    page.object_list = rows
    return page


def capped_page(queryset, number, per_page: int, *, cap: int = 1000) -> Page:
    """A page whose count stops at `cap` (shown as "more than ..."), so a common search word does not
    make the database count every match before it can show the first twenty."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    count = queryset.order_by()[: cap + 1].count()
    paginator = Paginator(queryset, per_page)
    paginator.__dict__["count"] = min(count, cap)
    paginator.capped = count > cap
    return paginator.get_page(number)
