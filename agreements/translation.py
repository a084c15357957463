from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, AgreementParty


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary", "place")


@register(AgreementParty)
class AgreementPartyTranslation(TranslationOptions):
    fields = ("signatory_title",)
