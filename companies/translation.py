from modeltranslation.translator import TranslationOptions, register

from .models import CompanyVisit, District, EditionOrganiser, Organisation


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)


@register(EditionOrganiser)
class EditionOrganiserTranslation(TranslationOptions):
    fields = ("role",)


@register(CompanyVisit)
class CompanyVisitTranslation(TranslationOptions):
    fields = ("place", "description")
