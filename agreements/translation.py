from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, AgreementParty, Outcome, WorkProgrammeAction


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary", "place")


@register(AgreementParty)
class AgreementPartyTranslation(TranslationOptions):
    fields = ("signatory_title",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("description",)


@register(WorkProgrammeAction)
class WorkProgrammeActionTranslation(TranslationOptions):
    fields = ("title", "description")
