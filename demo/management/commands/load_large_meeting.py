from django.core.management.base import BaseCommand

from demo.large import load_large_meeting


class Command(BaseCommand):
    help = (
        "Load the benchmarks' large meeting, large-meeting: five days, three rooms, 300 "
        "presentations, 260 people and 200 published papers, its programme released. "
        "Loaded once: a second run leaves it as it stands."
    )

    def handle(self, *args, **options) -> None:
        meeting = load_large_meeting()
        self.stdout.write(f"{meeting.title}: {meeting.get_absolute_url()}\n")
