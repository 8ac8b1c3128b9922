"""Messages that Django 6.1 and the packages we use show on our pages and in the admin, where
their own catalogues lack some of our six languages ("- Select an option -", Django 6.1's new
empty choice, is in French only). Listed here so that `make messages` keeps them in ours, which
take precedence (LOCALE_PATHS); each catalogue then translates them (tests/test_languages.py
checks that every message is). Never imported: gettext finds a message by its text."""

from django.utils.translation import gettext_noop as _

MESSAGES = (
    # django.db.models.fields.BLANK_CHOICE_LABEL: the empty choice of every select.
    _("- Select an option -"),
    # The admin's change lists: the date hierarchy and the actions.
    _("Filter by %(field_name)s"),
    _("Run"),
    # django_tasks_db: the worker's results.
    _("Task Result"),
    _("Task Results"),
    # django-axes: the login throttle's records.
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
)
