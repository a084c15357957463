from modeltranslation.translator import TranslationOptions, register

from .models import (
    AgendaItem,
    Edition,
    EditionCoChair,
    Region,
    Sector,
    SectoralTable,
)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("city", "venue", "summary", "notes")


@register(EditionCoChair)
class EditionCoChairTranslation(TranslationOptions):
    fields = ("role",)


@register(SectoralTable)
class SectoralTableTranslation(TranslationOptions):
    fields = ("title", "description", "place")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "place")
