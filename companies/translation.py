from modeltranslation.translator import TranslationOptions, register

from .models import District, Organisation


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)
