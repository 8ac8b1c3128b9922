from typing import override

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_languages import TranslatedAdmin
from config.admin_widgets import LabelledFileInputsMixin

from .forms import AdminLoginForm
from .models import Invitation, InvitationStatus, Membership, Organization, User
from .services import InvitationError, invitation_resend, invitation_send
from .text import NfcSearchMixin

# The back office's login page checks what ours does: the address's length, the slow-down.
admin.site.login_form = AdminLoginForm


class UniqueEmailMixin:
    """E-mail addresses are unique whatever their case: say so on the field, not in a message
    about a database constraint."""

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another user already has this e-mail address."), code="unique")
        return email


class UserCreationForm(UniqueEmailMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserForm(UniqueEmailMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    readonly_fields = ["created_at"]


class UserMembershipInline(MembershipInline):
    fields = ["organization", "created_at"]
    autocomplete_fields = ["organization"]
    verbose_name = _("organization")
    verbose_name_plural = _("organizations this user is a focal point for")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization__parent")


class OrganizationMembershipInline(MembershipInline):
    fields = ["user", "created_at"]
    autocomplete_fields = ["user"]
    verbose_name = _("focal point")
    verbose_name_plural = _("focal points (members who act for this organization)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(User)
class UserAdmin(NfcSearchMixin, BaseUserAdmin):
    inlines = [UserMembershipInline]
    form = UserForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )

    @override
    def get_inlines(self, request, obj):
        # A new user is added by e-mail first; their organizations come on the next page.
        return self.inlines if obj is not None else []


@admin.register(Organization)
class OrganizationAdmin(LabelledFileInputsMixin, NfcSearchMixin, TranslatedAdmin):
    list_display = ["name", "acronym", "kind", "parent", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "country"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [OrganizationMembershipInline]


class InvitationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    @override
    def lookups(self, request, model_admin):
        return InvitationStatus.choices

    @override
    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case InvitationStatus.PENDING:
                return queryset.pending(now)
            case InvitationStatus.EXPIRED:
                return queryset.expired(now)
            case InvitationStatus.ACCEPTED:
                return queryset.accepted()
        return queryset


@admin.register(Invitation)
class InvitationAdmin(NfcSearchMixin, admin.ModelAdmin):
    """Staff invite focal points: adding one e-mails the link; nothing else is edited by hand."""

    list_display = [
        "email",
        "organization",
        "status_label",
        "invited_by",
        "sent_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = [InvitationStatusFilter, "organization"]
    list_select_related = ["organization__parent", "invited_by"]
    search_fields = ["email", "organization__name", "organization__acronym"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = ["email", "organization"]
    # What the page of an existing invitation shows: it is never edited, only sent again.
    view_fields = [
        "email",
        "organization",
        "status_label",
        "invited_by",
        "created_at",
        "sent_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]

    @override
    def get_fields(self, request, obj=None):
        return self.fields if obj is None else self.view_fields

    @override
    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.view_fields

    def has_change_permission(self, request, obj=None) -> bool:
        # The change permission allows "Send again" from the list; no invitation is edited.
        return obj is None and super().has_change_permission(request)

    @admin.display(description=_("status"))
    def status_label(self, obj: Invitation) -> str:
        return obj.status_label

    @override
    def save_form(self, request: HttpRequest, form, change: bool) -> Invitation:
        # Adding is sending: the service saves the invitation and mails the link on commit.
        return invitation_send(
            email=form.cleaned_data["email"],
            organization=form.cleaned_data["organization"],
            invited_by=request.user,
        )

    def save_model(self, request, obj, form, change) -> None:
        """Nothing to do: save_form saved it through invitation_send, and none is ever changed."""

    def save_related(self, request, form, formsets, change) -> None:
        """Nothing to do: an invitation has no inlines nor many-to-many fields."""

    @admin.action(description=_("Send again (with a new link)"), permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        sent = skipped = 0
        for invitation in queryset:
            try:
                invitation_resend(invitation=invitation)
            except InvitationError:
                skipped += 1
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "Sent %(count)d invitation again, with a new link valid for 14 days.",
                    "Sent %(count)d invitations again, with new links valid for 14 days.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "Skipped %(count)d invitation that was already accepted.",
                    "Skipped %(count)d invitations that were already accepted.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
