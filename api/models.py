"""The API has no tables of its own: it reads published projects and member organisations."""
