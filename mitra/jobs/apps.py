from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Long work run by the task worker, with progress a user follows on a page (docs/dev/jobs.md).

    Apps above declare their kinds of job in their own `AppConfig.ready()` through
    `mitra.jobs.registry.register_kind` and create jobs with `services.job_create`.
    """

    name = "mitra.jobs"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Jobs"
