"""Install pip into a virtualenv made with --without-pip.

Some stock systems (Debian and Ubuntu without python3-venv) ship Python with
no ensurepip. A pip wheel is itself runnable, so fetch one from PyPI and let
it install itself.
"""

import json
import sys
import tempfile
import urllib.request
from pathlib import Path

with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as response:  # noqa: S310
    release = json.load(response)
wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / wheel["filename"]
    with urllib.request.urlopen(wheel["url"], timeout=120) as response:  # noqa: S310 (https from PyPI)
        path.write_bytes(response.read())
    sys.path.insert(0, str(path))
    from pip._internal.cli.main import main

    sys.exit(main(["install", "-q", str(path)]))
