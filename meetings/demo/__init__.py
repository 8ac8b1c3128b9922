"""The reference meeting, loaded as the page reads: `python manage.py load_demo`.

The Tenth Coordination Meeting on International Migration (New York, 9 and 10 February 2012),
with its organizations, people, sessions and "Organization of work", a demo superuser and a demo
focal point of IOM. Every
row is found by a natural key (a name, a slug, an order) and saved only when a field differs, so a
second run changes nothing.
"""

from meetings.demo.data import (
    AFTERNOON,
    AGENDA,
    FRIDAY,
    HONORIFICS,
    HOVY,
    MEETING,
    MORNING,
    OBJECTIVES,
    ORGANIZATIONS,
    PEOPLE,
    SERIES,
    SESSIONS,
    THURSDAY,
    Item,
    Part,
    Who,
)
from meetings.demo.loader import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD_VARIABLE,
    FOCAL_POINT_EMAIL,
    FOCAL_POINT_ORGANIZATION,
    FOCAL_POINT_PASSWORD_VARIABLE,
    DemoLoad,
    demo_load,
)

__all__ = [
    "ADMIN_EMAIL",
    "ADMIN_PASSWORD_VARIABLE",
    "AFTERNOON",
    "AGENDA",
    "FOCAL_POINT_EMAIL",
    "FOCAL_POINT_ORGANIZATION",
    "FOCAL_POINT_PASSWORD_VARIABLE",
    "FRIDAY",
    "HONORIFICS",
    "HOVY",
    "MEETING",
    "MORNING",
    "OBJECTIVES",
    "ORGANIZATIONS",
    "PEOPLE",
    "SERIES",
    "SESSIONS",
    "THURSDAY",
    "DemoLoad",
    "Item",
    "Part",
    "Who",
    "demo_load",
]
