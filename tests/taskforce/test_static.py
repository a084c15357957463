"""Every `{% static %}` path in the templates names a file that collectstatic will hash.

Production uses the manifest storage: a path missing from the manifest (a folder, a typo)
makes every page that names it fail with a server error, which the tests' plain storage
would not show.
"""

import os
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")


def test_every_static_path_in_the_templates_is_a_file():
    templates = Path(settings.BASE_DIR) / "templates"
    paths = {
        (template.relative_to(templates), match)
        for template in templates.rglob("*.html")
        for match in STATIC_TAG.findall(template.read_text())
    }

    missing = [
        (str(template), path)
        for template, path in sorted(paths)
        if not (found := finders.find(path)) or not os.path.isfile(found)
    ]

    assert paths
    assert missing == []
