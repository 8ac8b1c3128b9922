"""Packages' apps under names staff read in their own language: the admin's index lists an app
by its verbose name, which these packages leave in English ("Tasks Database Backend") or unset
("Axes"). Each keeps its package's label and ready(); INSTALLED_APPS names these classes."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


class LoginAttemptsConfig(AxesAppConfig):
    verbose_name = _("Login attempts")
