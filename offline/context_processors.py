from offline.selectors import page_config


def offline(request):
    """The outbox's configuration, printed on every page as a JSON script element (never run as script)."""
    return {"offline_config": page_config(request)}
