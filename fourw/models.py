"""The 4W has no tables of its own: it reads and writes projects (projects.models)."""
