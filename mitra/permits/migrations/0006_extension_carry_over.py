# An extension re-uses the still-valid documents of the current application (issue 15 §4).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0005_stage_duration_index_finished_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="section_changes",
            field=models.JSONField(
                blank=True, db_default={}, default=dict, verbose_name="what changed, per section"
            ),
        ),
        migrations.AddField(
            model_name="applicationdocument",
            name="expires_on",
            field=models.DateField(blank=True, null=True, verbose_name="valid until"),
        ),
        migrations.AddField(
            model_name="applicationdocument",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried_into",
                to="permits.applicationdocument",
                verbose_name="carried over from",
            ),
        ),
        migrations.AddField(
            model_name="applicationdocument",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="confirmed at"),
        ),
        migrations.AddField(
            model_name="applicationdocument",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
