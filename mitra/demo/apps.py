from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data: the canonical story plus a realistic spread (no models)."""

    name = "mitra.demo"
