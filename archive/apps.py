from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """The public archive's pages that combine the apps below it (home, edition dossier,
    organisation page, sitemaps) and the loader of the real history (docs/ARCHITECTURE.md)."""

    name = "archive"
    verbose_name = _("Public archive")
