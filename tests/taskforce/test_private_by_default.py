"""Private by default: nothing unfinished or personal reaches the public site until staff say
so. A world with drafts, unpublished editions, staff-only agreements and documents, and
registrations that are pending, waiting, rejected or cancelled is built with names no public
page may show; then every public page is read in every language, and each name is looked
for.

The public pages are walked from the URL configuration (tests.taskforce.test_security's
PUBLIC list): a public URL with parameters added later must say in pages_of() how to read
it, or the walk fails (reverse() finds no page without its parameters).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementDocument, Outcome
from agreements.services import agreement_transition
from archive.querysets import organisations_in_public
from companies.models import Organisation
from sessions.models import Edition
from tests.factories import (
    AgendaItemFactory,
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    BookingFactory,
    CompanyVisitFactory,
    ConfirmedRegistrationFactory,
    EditionFactory,
    EditionOrganiserFactory,
    OrganisationFactory,
    OutcomeFactory,
    RegistrationFactory,
    SectoralTableFactory,
    SectorFactory,
)
from tests.taskforce.test_security import PUBLIC

pytestmark = pytest.mark.django_db

LANGUAGES = ("it", "ru", "en")
# Words that only the records that must stay private contain.
SECRETS = [
    "Bozzolandia",  # an unpublished edition's city, and its address
    "xxix-bozzolandia",
    "SettoreNascosto",
    "TavoloNascosto",
    "OspiteNascosto",
    "ProgrammaNascosto",
    "OrganizzatoreNascosto",
    "AccordoBozza",  # a draft agreement, marked public
    "AccordoRiservato",  # a signed agreement for staff only
    "AccordoDiBozzolandia",  # a public agreement of the unpublished edition
    "ParteDellaBozza",
    "ParteRiservata",
    "EsitoRiservato",  # an outcome not made public
    "In Attesa Srl",  # participants waiting, rejected, cancelled, unconfirmed, only submitted
    "Respinta Srl",
    "Annullata Srl",
    "Non Confermata Srl",
    "Solo Inviata Srl",
    "Senza Consenso Srl",
    "Zebedeo",  # a contact person, and what identifies him
    "zebedeo.privato@example.org",
    "+39 055 1234567",
    "PropostaSegreta",  # the words of a proposal
]

# How to read each public URL: the keyword arguments of every page it has, from what the
# database holds. None: not a page of the archive (a form, or a personal page reached
# only through a signed link sent by e-mail).
NOT_ARCHIVE_PAGES = {
    "set_language",
    "companies:registration_confirm",
    "companies:registration_manage",
}


def pages_of(name: str) -> list[dict]:
    if name == "archive:edition_detail":
        return [
            {"slug": slug} for slug in Edition.objects.published().values_list("slug", flat=True)
        ]
    if name in ("companies:registration_create", "companies:registration_sent"):
        return [
            {"slug": slug} for slug in Edition.objects.published().values_list("slug", flat=True)
        ]
    if name == "agreements:agreement_detail":
        return [
            {"slug": slug} for slug in Agreement.objects.public().values_list("slug", flat=True)
        ]
    if name == "agreements:document_download":
        return [
            {"slug": document.agreement.slug, "language": document.language}
            for document in AgreementDocument.objects.select_related("agreement").filter(
                is_public=True, agreement__in=Agreement.objects.public()
            )
        ]
    if name == "archive:organisation_detail":
        return [{"slug": slug} for slug in organisations_in_public().values_list("slug", flat=True)]
    return [{}]


@pytest.fixture
def world():
    sector = SectorFactory(name_it="Meccanica")
    published = EditionFactory(number=27, city_it="Firenze", participants_public=True)
    published.sectors.add(sector)
    table = SectoralTableFactory(edition=published, title_it="Tavolo della meccanica")
    CompanyVisitFactory(edition=published, host=OrganisationFactory(name="Ospite Pubblico"))

    draft = EditionFactory(
        number=29,
        slug="xxix-bozzolandia",
        city_it="Bozzolandia",
        city_ru="Bozzolandia",
        city_en="Bozzolandia",
        is_published=False,
    )
    draft.sectors.add(SectorFactory(name_it="SettoreNascosto", name_ru="SettoreNascosto"))
    SectoralTableFactory(edition=draft, title_it="TavoloNascosto", title_ru="TavoloNascosto")
    CompanyVisitFactory(edition=draft, host=OrganisationFactory(name="OspiteNascosto"))
    AgendaItemFactory(edition=draft, title_it="ProgrammaNascosto")
    EditionOrganiserFactory(
        edition=draft, organisation=OrganisationFactory(name="OrganizzatoreNascosto")
    )

    signed = AgreementFactory(edition=published, title_it="Accordo pubblico firmato")
    AgreementPartyFactory(agreement=signed, organisation=OrganisationFactory(name="Parte Pubblica"))
    AgreementDocumentFactory(agreement=signed, language="it", is_public=True)
    AgreementDocumentFactory(agreement=signed, language="ru", is_public=False)
    OutcomeFactory(agreement=signed, description_it="EsitoRiservato", is_public=False)
    for title, options in (
        (
            "AccordoBozza",
            {"status": Agreement.Status.DRAFT, "date_signed": None, "date_precision": "unknown"},
        ),
        ("AccordoRiservato", {"visibility": Agreement.Visibility.STAFF}),
        ("AccordoDiBozzolandia", {"edition": draft}),
    ):
        agreement = AgreementFactory(
            title_it=title, title_ru=title, title_en=title, **{"edition": published, **options}
        )
        AgreementPartyFactory(
            agreement=agreement,
            organisation=OrganisationFactory(
                name="ParteDellaBozza" if title != "AccordoRiservato" else "ParteRiservata"
            )
            if title != "AccordoDiBozzolandia"
            else OrganisationFactory(name="ParteDellaBozza2"),
        )
        AgreementDocumentFactory(agreement=agreement, language="it", is_public=True)

    def taking_part(name, booking_status, factory=ConfirmedRegistrationFactory, **options):
        registration = factory(
            edition=published,
            organisation=OrganisationFactory(name=name),
            public_listing_consent=options.pop("consent", True),
            **options,
        )
        BookingFactory(
            registration=registration,
            table=table,
            status=booking_status,
            queued_at=timezone.now() if booking_status == "waiting" else None,
            description="PropostaSegreta",
            offers="PropostaSegreta",
        )

    taking_part(
        "Partecipante Accettata",
        "accepted",
        contact__first_name="Zebedeo",
        contact__email="zebedeo.privato@example.org",
        contact__phone="+39 055 1234567",
    )
    taking_part("In Attesa Srl", "waiting")
    taking_part("Respinta Srl", "rejected")
    taking_part("Annullata Srl", "cancelled")
    taking_part("Solo Inviata Srl", "submitted")
    taking_part("Senza Consenso Srl", "accepted", consent=False)
    taking_part("Non Confermata Srl", "submitted", factory=RegistrationFactory)
    return {"published": published, "draft": draft}


def read_every_public_page(client) -> dict[str, str]:
    pages = {}
    for name in sorted(PUBLIC - NOT_ARCHIVE_PAGES):
        for kwargs in pages_of(name):
            for language in LANGUAGES:
                with_prefix = name not in {"healthz", "robots_txt", "sitemap"}
                path = reverse(name, kwargs=kwargs)
                if with_prefix:
                    path = (
                        f"/{language}{path[3:]}" if path[:4] in ("/it/", "/ru/", "/en/") else path
                    )
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                if response.get("Content-Type", "").startswith("application/pdf"):
                    content = b"".join(response.streaming_content).decode("latin-1")
                else:
                    content = response.content.decode()
                pages[path] = content
    return pages


def test_no_public_page_shows_anything_unpublished_or_personal(client, world):
    pages = read_every_public_page(client)

    leaks = [
        (path, secret) for path, content in pages.items() for secret in SECRETS if secret in content
    ]
    assert leaks == []
    # The walk did read the published records (the test would pass on empty pages otherwise).
    everything = "".join(pages.values())
    for shown in (
        "Firenze",
        "Accordo pubblico firmato",
        "Parte Pubblica",
        "Partecipante Accettata",
    ):
        assert shown in everything
    assert len(pages) > 40


def hidden_urls(draft) -> list[str]:
    """The addresses the private records would have, were they public."""
    return [
        draft.get_absolute_url(),
        reverse("companies:registration_create", kwargs={"slug": draft.slug}),
        *[
            agreement.get_absolute_url()
            for agreement in Agreement.objects.filter(
                title_it__in=["AccordoBozza", "AccordoRiservato", "AccordoDiBozzolandia"]
            )
        ],
        *[
            document.get_absolute_url()
            for document in AgreementDocument.objects.exclude(
                agreement__title_it="Accordo pubblico firmato", language="it"
            )
        ],
        *[
            organisation.get_absolute_url()
            for organisation in Organisation.objects.filter(
                name__in=[
                    "OspiteNascosto",
                    "OrganizzatoreNascosto",
                    "ParteDellaBozza",
                    "ParteDellaBozza2",
                    "ParteRiservata",
                    "In Attesa Srl",
                ]
            )
        ],
    ]


def test_the_private_records_have_no_page_of_their_own_and_no_link(client, world):
    hidden = hidden_urls(world["draft"])
    pages = read_every_public_page(client)

    statuses = {url: client.get(url).status_code for url in hidden}
    linked = [(path, url) for path, content in pages.items() for url in hidden if url in content]

    assert len(hidden) == 15
    assert set(statuses.values()) == {404}, statuses
    assert linked == []


def test_searching_and_filtering_find_nothing_private(client, world):
    draft = world["draft"]
    queries = [
        ("sessions:edition_list", {"q": "Bozzolandia"}),
        ("sessions:edition_list", {"q": "TavoloNascosto"}),
        ("sessions:edition_list", {"region": draft.region_id, "year_from": 2000}),
        ("companies:visit_list", {"edition": draft.slug}),
        ("agreements:agreement_list", {"year": datetime.date.today().year + 10}),
    ]

    for name, params in queries:
        content = client.get(reverse(name), params).content.decode()
        # What the visitor typed stands in the search field and the language links;
        # nothing else may show.
        for key, typed in params.items():
            content = content.replace(f'value="{typed}"', "").replace(f"{key}={typed}", "")
        assert not [secret for secret in SECRETS if secret in content], (name, params)
        assert draft.get_absolute_url() not in content


def test_what_staff_create_is_private_until_they_publish_it():
    """The defaults of every record that can be published: a new edition, agreement,
    document, outcome or participants list is not public."""
    assert Edition().is_published is False
    assert Edition().participants_public is False
    assert Agreement().visibility == Agreement.Visibility.STAFF
    assert AgreementDocument().is_public is False
    assert Outcome().is_public is False


def test_a_public_draft_becomes_public_when_signed(client, world):
    draft = Agreement.objects.get(title_it="AccordoBozza")
    assert client.get(draft.get_absolute_url()).status_code == 404

    draft.date_signed = datetime.date(2031, 1, 1)
    draft.date_precision = "day"
    draft.save()
    agreement_transition(agreement=draft, to=Agreement.Status.SIGNED)

    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "AccordoBozza" in page.content.decode()
