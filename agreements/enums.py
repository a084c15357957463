"""The vocabularies of the agreements app, shared by its models, querysets and services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    SESSION_PROTOCOL = "session_protocol", _("session protocol")
    MEMORANDUM = "memorandum", _("memorandum of understanding")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement")
    LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
    WORK_PROGRAMME = "work_programme", _("three-year work programme")
    OTHER = "other", _("other")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed")
    IN_FORCE = "in_force", _("in force")
    IMPLEMENTED = "implemented", _("implemented")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    SUPERSEDED = "superseded", _("superseded")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    STAFF = "staff", _("staff only")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    SUPERSEDES = "supersedes", _("supersedes")
    IMPLEMENTS = "implements", _("implements")


class OutcomeKind(models.TextChoices):
    INVESTMENT_ANNOUNCED = "investment_announced", _("investment announced")
    INVESTMENT_REALISED = "investment_realised", _("investment realised")
    JOINT_VENTURE = "joint_venture", _("joint venture founded")
    SUPPLY_CONTRACT = "supply_contract", _("supply contract")
    JOBS = "jobs", _("jobs created")
    OTHER = "other", _("other")


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    RUB = "RUB", "RUB"


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


# The agreement lifecycle: which status may follow which. Every move goes through
# agreements.services.agreement_transition, which records it.
AGREEMENT_TRANSITIONS = {
    AgreementStatus.DRAFT: {AgreementStatus.SIGNED},
    AgreementStatus.SIGNED: {
        AgreementStatus.IN_FORCE,
        AgreementStatus.EXPIRED,
        AgreementStatus.TERMINATED,
        AgreementStatus.SUPERSEDED,
    },
    AgreementStatus.IN_FORCE: {
        AgreementStatus.IMPLEMENTED,
        AgreementStatus.EXPIRED,
        AgreementStatus.TERMINATED,
        AgreementStatus.SUPERSEDED,
    },
    AgreementStatus.IMPLEMENTED: {AgreementStatus.SUPERSEDED},
    AgreementStatus.EXPIRED: {AgreementStatus.SUPERSEDED},
    AgreementStatus.TERMINATED: set(),
    AgreementStatus.SUPERSEDED: set(),
}
