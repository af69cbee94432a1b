"""Loaded with `-p tests.environment` (pyproject.toml) before Django reads its settings: the tests
serve plain HTTP on loopback and keep their files out of the developer's var/."""

import os
import tempfile

os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("CIVNET_VAR_DIR", tempfile.mkdtemp(prefix="civnet-test-"))
# WhiteNoise looks for STATIC_ROOT at start-up; the tests serve static files from the apps' folders.
os.makedirs(os.path.join(os.environ["CIVNET_VAR_DIR"], "static"), exist_ok=True)
