"""Template helpers of every public page (base.templatetags.portal)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("public", '<span class="badge evidence evidence-public">public source</span>'),
        (
            "source_doc",
            '<span class="badge evidence evidence-source-doc" '
            'title="Not confirmed by public sources">source document only</span>',
        ),
        ("inferred", '<span class="badge evidence evidence-inferred">inferred</span>'),
        ("unknown", '<span class="badge evidence evidence-unknown">unknown</span>'),
        ("", '<span class="badge evidence evidence-unknown">unknown</span>'),
    ],
)
def test_evidence_badge_says_the_level_of_the_evidence(level, expected):
    with translation.override("en"):
        assert render("{% evidence level %}", level=level) == expected


def test_evidence_badge_speaks_the_page_language():
    with translation.override("ru"):
        badge = render("{% evidence 'public' %}")

    assert "evidence-public" in badge
    assert "public source" not in badge


def test_a_missing_translation_falls_back_to_italian_marked_as_italian():
    region = RegionFactory(code="IT-52", name_it="Toscana", name_ru="", name_en="Tuscany")

    with translation.override("ru"):
        russian = render('{% translated region "name" %}', region=region)
    with translation.override("en"):
        english = render('{% translated region "name" %}', region=region)

    assert russian == '<span lang="it">Toscana</span>'
    assert english == "Tuscany"
