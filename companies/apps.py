from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Organisations and districts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from simple_history import register

        from .models import Booking, CompanyVisit, Contact, Organisation, Registration

        # After modeltranslation added its columns (see SessionsConfig.ready).
        for model in (Organisation, Contact, Registration, Booking):
            register(model, app="companies")
        # Moved from the sessions app with its table and its history's.
        register(CompanyVisit, app="companies", table_name="tf_sessions_historicalcompanyvisit")
