"""What waits for staff on the back office's first page: "3 papers awaiting review".

Each app registers, when it is ready, a callable that takes the request and returns an
AdminTask (a label, a count and the filtered list to open) for staff who may act on it, or None
for everyone else. Neither the admin nor meetings knows which apps count what. One query per
task, whatever the number of rows counted; templates/admin/index.html shows them with the
{% admin_tasks %} tag of this module (TEMPLATES' "libraries" in config/settings.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest


@dataclass(frozen=True)
class AdminTask:
    label: str
    count: int
    url: str


TaskCounter = Callable[[HttpRequest], AdminTask | None]

_counters: list[TaskCounter] = []


def task_register(counter: TaskCounter) -> TaskCounter:
    """Register `counter` (usable as a decorator); registering the same one again does nothing."""
    if counter not in _counters:
        _counters.append(counter)
    return counter


def tasks_for(request: HttpRequest) -> list[AdminTask]:
    """The tasks this staff member may act on, in the order the apps registered them."""
    return [task for counter in _counters if (task := counter(request)) is not None]


register = template.Library()


@register.inclusion_tag("admin/admin_tasks.html", takes_context=True)
def admin_tasks(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return {"tasks": [], "waiting": []}
    tasks = tasks_for(request)
    return {"tasks": tasks, "waiting": [task for task in tasks if task.count]}
