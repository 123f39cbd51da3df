from django.db import migrations, models


class Migration(migrations.Migration):
    """Index-only reads for the dashboard's "Activities without an N5 notice": the plans in
    force of an agency's agreements, and their open activities by planned start."""

    dependencies = [
        ("workplans", "0004_notification_acknowledgement"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="workplan",
            index=models.Index(fields=["agreement", "status"], name="wp_agreement_status_idx"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["work_plan", "status", "start_date"], name="activity_plan_start_idx"
            ),
        ),
    ]
