"""axe-core in the browser: the WCAG findings that block people, with the elements named."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

BLOCKING = ("serious", "critical")

_axe = Axe()


def serious_violations(page: Page) -> list[str]:
    """axe's serious and critical findings on the page: the rule and the elements it names."""
    results = _axe.run(page)
    return [
        f"{violation['id']}: {', '.join(str(node['target']) for node in violation['nodes'])}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]
