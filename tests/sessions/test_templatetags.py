"""Template helpers of the public site (sessions.templatetags.portal)."""

import pytest
from django.utils import translation

from sessions.templatetags.portal import evidence, list_items


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("public", '<span class="badge evidence evidence-public">public source</span>'),
        (
            "source_doc",
            '<span class="badge evidence evidence-source-doc" '
            'title="Not confirmed by public sources">ministry document only</span>',
        ),
        ("inferred", '<span class="badge evidence evidence-inferred">inferred</span>'),
        ("", '<span class="badge evidence evidence-unknown">unknown</span>'),
    ],
)
def test_evidence_badge(level, expected):
    with translation.override("en"):
        assert evidence(level) == expected
    with translation.override("ru"):
        assert "evidence-public" in evidence("public") and "public source" not in evidence("public")


def test_list_items_escapes_each_value():
    assert list_items(["Officine <Rossi> & C.", "ООО «Ромашка»"]) == (
        "<li>Officine &lt;Rossi&gt; &amp; C.</li><li>ООО «Ромашка»</li>"
    )
    assert list_items([]) == ""
