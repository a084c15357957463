from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fictional demo data for tests, demonstrations and the benchmark (`manage.py
    seed_demo`), made with the product's own rules (docs/ARCHITECTURE.md)."""

    name = "demo"
    verbose_name = _("Demo data")
