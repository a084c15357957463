"""The vocabularies of the companies app, shared by its models, querysets and services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DistrictKind(models.TextChoices):
    INDUSTRIAL_DISTRICT = "industrial_district", _("Italian industrial district")
    SPECIAL_ECONOMIC_ZONE = (
        "special_economic_zone",
        _("Russian special economic zone (Federal Law 116-FZ of 22 July 2005)"),
    )
    INDUSTRIAL_PARK = "industrial_park", _("industrial park")
    TECHNOLOGY_PARK = "technology_park", _("technology park")
    CLUSTER = "cluster", _("cluster")


class OrganisationKind(models.TextChoices):
    SME = "sme", _("SME")
    LARGE_COMPANY = "large_company", _("large company")
    PUBLIC_BODY = "public_body", _("region or public body")
    ASSOCIATION = "association", _("association")
    CHAMBER_OF_COMMERCE = "chamber_of_commerce", _("chamber of commerce")
    TRADE_FAIR = "trade_fair", _("trade fair")
    UNIVERSITY = "university", _("university")
    RESEARCH_CENTRE = "research_centre", _("research centre")
    TECHNOLOGY_PARK = "technology_park", _("technology park")
    BANK = "bank", _("bank")
    MINISTRY = "ministry", _("ministry or agency")
    OTHER = "other", _("other")


class OrganisationSize(models.TextChoices):
    # EU SME definition (Recommendation 2003/361/EC).
    MICRO = "micro", _("micro (fewer than 10 staff)")
    SMALL = "small", _("small (fewer than 50 staff)")
    MEDIUM = "medium", _("medium (fewer than 250 staff)")
    LARGE = "large", _("large (250 staff or more)")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting e-mail confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("awaiting e-mail confirmation")
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    WAITING = "waiting", _("waiting list")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")


class ProposalKind(models.TextChoices):
    COMMERCIAL_PARTNERS = "commercial_partners", _("search for commercial partners")
    DIRECT_INVESTMENT = "direct_investment", _("direct investment")
    JOINT_VENTURE = "joint_venture", _("joint venture")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("technology transfer")
    SUPPLY = "supply", _("supply or distribution")
    FINANCING = "financing", _("financing")
    OTHER = "other", _("other")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("to send")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed, will be retried")


# Registrations that are under way: waiting for their confirmation, or confirmed.
ACTIVE_REGISTRATION_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)

# Bookings that hold or ask for a place (one per organisation and table). A booking of a
# registration not yet confirmed is PENDING and asks for nothing yet.
ACTIVE_BOOKING_STATUSES = (BookingStatus.SUBMITTED, BookingStatus.ACCEPTED, BookingStatus.WAITING)
# Bookings that can still be cancelled or rejected.
OPEN_BOOKING_STATUSES = (BookingStatus.PENDING, *ACTIVE_BOOKING_STATUSES)

# The booking lifecycle: which status may follow which. Every move goes through
# companies.services.booking_transition.
BOOKING_TRANSITIONS = {
    BookingStatus.PENDING: {BookingStatus.SUBMITTED, BookingStatus.CANCELLED},
    BookingStatus.SUBMITTED: {
        BookingStatus.ACCEPTED,
        BookingStatus.WAITING,
        BookingStatus.REJECTED,
        BookingStatus.CANCELLED,
    },
    BookingStatus.ACCEPTED: {
        BookingStatus.WAITING,
        BookingStatus.REJECTED,
        BookingStatus.CANCELLED,
    },
    BookingStatus.WAITING: {
        BookingStatus.ACCEPTED,
        BookingStatus.REJECTED,
        BookingStatus.CANCELLED,
    },
    BookingStatus.REJECTED: set(),
    BookingStatus.CANCELLED: set(),
}
