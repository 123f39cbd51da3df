from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "mitra.organizations"
    default_auto_field = "django.db.models.BigAutoField"
