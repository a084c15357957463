from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """The bottom layer: what every app shares, importing none of them (docs/ARCHITECTURE.md)."""

    name = "base"
    verbose_name = _("Shared base")
