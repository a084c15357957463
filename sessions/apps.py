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

        from .models import CompanyVisit, Edition, SectoralTable

        # Registered here, after modeltranslation added the it/ru/en columns, so that the
        # history keeps every language.
        for model in (Edition, SectoralTable, CompanyVisit):
            register(model, app="sessions")

        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from .models import Edition
        from .querysets import EDITION_CACHE_KEYS

        def forget_cached_editions(**kwargs):
            cache.delete_many(EDITION_CACHE_KEYS)

        post_save.connect(forget_cached_editions, sender=Edition, weak=False)
        post_delete.connect(forget_cached_editions, sender=Edition, weak=False)
