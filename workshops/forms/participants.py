"""Forms of the participant register, personal links, join by code and participants' notes."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from strategy.models import OrgUnit
from workshops.enums import InsightKind, StakeholderGroup
from workshops.models import Insight, LinkInvitation, Participant
from workshops.selectors.participants import SCOPE_ALL, SCOPE_WITHOUT_LINK

NOTE_MAX_LENGTH = Insight._meta.get_field("text").max_length


class ParticipantForm(forms.ModelForm):
    """Name, e-mail, group, and optionally an institution of the process's organisation and a
    user account of one of the process's members."""

    class Meta:
        model = Participant
        fields = ["name", "email", "group", "org_unit", "user"]

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        current_unit = self.instance.org_unit_id
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            Q(active=True) | Q(pk=current_unit), organisation_id=process.organisation_id
        ).order_by("name")
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(memberships__process=process)
            .order_by("full_name", "email")
            .distinct()
        )
        self.fields["user"].help_text = _(
            "Only if the participant is also a member of the process with an account."
        )


class ParticipantFilterForm(forms.Form):
    """The register's filters (a GET form)."""

    ACTIVE_CHOICES = [
        ("", _("Active and inactive")),
        ("active", pgettext_lazy("participant", "Active")),
        ("inactive", pgettext_lazy("participant", "Inactive")),
    ]

    group = forms.ChoiceField(
        label=_("Stakeholder group"),
        choices=[("", _("All groups")), *StakeholderGroup.choices],
        required=False,
    )
    active = forms.ChoiceField(label=_("Status"), choices=ACTIVE_CHOICES, required=False)

    def filters(self) -> dict:
        """The valid filters as keyword arguments for the register's selector."""
        if not self.is_valid():
            return {}
        active = {"active": True, "inactive": False}.get(self.cleaned_data["active"])
        return {"group": self.cleaned_data["group"], "active": active}


SCOPE_CHOICES = [
    (SCOPE_ALL, _("All active participants (their earlier links stop working)")),
    (SCOPE_WITHOUT_LINK, _("Only active participants without a link")),
]


class LinkScopeForm(forms.Form):
    """Which participants get a (new) personal link in a bulk action."""

    scope = forms.ChoiceField(
        label=_("Participants"),
        choices=SCOPE_CHOICES,
        initial=SCOPE_WITHOUT_LINK,
        widget=forms.RadioSelect,
    )


class LinkInvitationForm(forms.ModelForm):
    """The invitation e-mail (saved for the process) and the participants to send it to."""

    scope = forms.ChoiceField(
        label=_("Send to"),
        choices=SCOPE_CHOICES,
        initial=SCOPE_WITHOUT_LINK,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = LinkInvitation
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "body": _(
                "{navn} is replaced by the participant's name and {link} by their personal "
                "link. The text must contain {link}."
            )
        }

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("The subject must be on one line."), code="line_break")
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"]
        if "{link}" not in body:
            raise forms.ValidationError(
                _("The text must contain {link}, where each participant's link is inserted."),
                code="no_link",
            )
        return body


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: navn; e-mail; gruppe; institution. Gruppe is one of leder, medarbejder, "
            "dagpleje, digitalisering, ekstern ekspert, styregruppe. E-mail and institution "
            "may be empty. Separated by semicolons or commas, UTF-8."
        ),
    )


class JoinForm(forms.Form):
    """Join a workshop with its code and a self-declared stakeholder group."""

    code = forms.CharField(
        label=_("Workshop code"),
        max_length=32,
        help_text=_("The code shown by the facilitator, for example ABC234."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
    )
    group = forms.ChoiceField(
        label=_("I am taking part as"),
        choices=StakeholderGroup.choices,
        widget=forms.RadioSelect,
    )


class NoteForm(forms.ModelForm):
    """A participant's note: a kind and a short text."""

    class Meta:
        model = Insight
        fields = ["kind", "text"]
        labels = {"kind": _("Kind of note"), "text": _("Your note")}
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX_LENGTH}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = InsightKind.choices  # no empty choice among the buttons
        self.fields["text"].help_text = _("At most %(count)d characters.") % {
            "count": NOTE_MAX_LENGTH
        }
