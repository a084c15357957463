from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    # django.contrib.sessions owns the label "sessions".
    name = "sessions"
    label = "tf_sessions"
    verbose_name = _("Editions and programme")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from simple_history import register

        from .models import Edition, SectoralTable

        # Registered here, after modeltranslation added the it/ru/en columns, so that the
        # history keeps every language.
        for model in (Edition, SectoralTable):
            register(model, app="sessions")
