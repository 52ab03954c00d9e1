"""Forms of the case page. They only parse input; the services decide what is allowed.

Every form carries the case ``version`` it was rendered with; it goes to the service as
``expected_version``, so a double submit or a stale page changes nothing.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.models import Organization


class DateInput(forms.DateInput):
    input_type = "date"


class CaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    task = forms.IntegerField(widget=forms.HiddenInput, required=False)


REASON = _("Alasan")
NEW_DEADLINE = _("Batas waktu baru")


def reason_field(label=REASON, required=True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("%(label)s wajib diisi.") % {"label": label}},
    )


def note_field() -> forms.CharField:
    return reason_field(_("Catatan"), required=False)


def due_field(label=NEW_DEADLINE, required=False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        error_messages={"invalid": _("Tanggal tidak valid."), "required": _("Pilih tanggal.")},
        help_text=_("Kosongkan untuk batas waktu bawaan (hari kerja)."),
    )


class NoteForm(CaseForm):
    note = note_field()


class ReasonForm(CaseForm):
    reason = reason_field()


class ReportForm(CaseForm):
    summary = reason_field(_("Ringkasan laporan"))


class ReasonDueForm(CaseForm):
    reason = reason_field()
    due_at = due_field()


class DispatchForm(CaseForm):
    due_at = due_field(_("Batas waktu"))


class ReassignForm(CaseForm):
    reason = reason_field()
    organization = forms.ModelChoiceField(
        label=_("OPD tujuan"),
        queryset=Organization.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        empty_label=_("(OPD yang sama)"),
    )
    due_at = due_field()


class HoldForm(CaseForm):
    reason = reason_field()
    until = forms.DateField(
        label=_("Ditunda sampai"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Tanggal tidak valid.")},
        help_text=_("Kosongkan bila belum tahu; kasus dilanjutkan secara manual."),
    )


class ResumeForm(CaseForm):
    reason = reason_field(required=False)


class ProgressForm(CaseForm):
    percent = forms.IntegerField(
        label=_("Kemajuan (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("Kemajuan harus bilangan bulat 0–100."),
            "invalid": _("Kemajuan harus bilangan bulat 0–100."),
            "min_value": _("Kemajuan harus bilangan bulat 0–100."),
            "max_value": _("Kemajuan harus bilangan bulat 0–100."),
        },
    )
    note = reason_field(_("Catatan"))


class EvidenceForm(CaseForm):
    file = forms.FileField(
        label=_("Berkas (foto JPEG/PNG/WebP atau PDF)"),
        error_messages={
            "required": _("Pilih berkas untuk diunggah."),
            "empty": _("Berkas kosong."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    note = forms.CharField(label=_("Keterangan"), required=False, max_length=500)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.EVIDENCE_MAX_BYTES
        # Refuse early on the declared size; cases.evidence counts the real bytes again.
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
            )
        return upload


class ExtensionForm(CaseForm):
    reason = reason_field()
    proposed_due = due_field(_("Batas waktu yang diusulkan"), required=True)


class DecideForm(CaseForm):
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        choices=[("1", _("Setujui")), ("0", _("Tolak"))],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    note = reason_field(_("Catatan keputusan"), required=False)


class ExtensionDecideForm(DecideForm):
    due_at = due_field(_("Batas waktu baru (bila lain dari usulan)"))
