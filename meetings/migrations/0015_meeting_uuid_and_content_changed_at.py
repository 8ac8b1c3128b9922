import uuid

import django.utils.timezone
from django.db import migrations, models


def give_each_meeting_its_uuid(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.only("pk"):
        meeting.uuid = uuid.uuid4()
        meeting.save(update_fields=["uuid"])
    HistoricalMeeting = apps.get_model("meetings", "HistoricalMeeting")
    for meeting in Meeting.objects.only("pk", "uuid"):
        HistoricalMeeting.objects.filter(id=meeting.pk).update(uuid=meeting.uuid)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0014_meeting_slug_help")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="UUID"),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="UUID"),
        ),
        migrations.RunPython(give_each_meeting_its_uuid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meeting",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="uuid",
            field=models.UUIDField(
                db_index=True, default=uuid.uuid4, editable=False, verbose_name="UUID"
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="content_changed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="content changed"
            ),
        ),
    ]
