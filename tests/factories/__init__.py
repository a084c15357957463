from .agreements import AgreementFactory, AgreementPartyFactory, AgreementSourceFactory
from .companies import ContactFactory, DistrictFactory, OrganisationFactory
from .sessions import (
    AgendaItemFactory,
    CompanyVisitFactory,
    EditionCoChairFactory,
    EditionFactory,
    EditionOrganiserFactory,
    EditionSourceFactory,
    PlaceholderEditionFactory,
    RegionFactory,
    SectoralTableFactory,
    SectorFactory,
)

__all__ = [
    "AgendaItemFactory",
    "AgreementFactory",
    "AgreementPartyFactory",
    "AgreementSourceFactory",
    "CompanyVisitFactory",
    "ContactFactory",
    "DistrictFactory",
    "EditionCoChairFactory",
    "EditionFactory",
    "EditionOrganiserFactory",
    "EditionSourceFactory",
    "OrganisationFactory",
    "PlaceholderEditionFactory",
    "RegionFactory",
    "SectorFactory",
    "SectoralTableFactory",
]
