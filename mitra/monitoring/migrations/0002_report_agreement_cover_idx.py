from django.db import migrations, models


class Migration(migrations.Migration):
    """An index holding every column the compliance dashboard's report counts, the disclosure
    scope and the overdue lists read, after the agreement: index-only at national scale."""

    dependencies = [
        ("monitoring", "0001_reports_disclosures_visits"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                fields=[
                    "agreement", "kind", "status", "due_date", "first_submitted_on",
                    "resubmit_by",
                ],
                name="report_agreement_cover_idx",
            ),
        ),
    ]  # fmt: skip
