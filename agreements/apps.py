from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from simple_history import register

        from .models import Agreement

        # After modeltranslation added its columns (see SessionsConfig.ready).
        register(Agreement, app="agreements")
