"""Forms of the Rakor screens. Every message in Bahasa Indonesia."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Area, DirectiveType, Organization, RakorMode, RakorSeries

from .minutes.checks import MAX_BYTES
from .models import DecisionKind

REQUIRED = {"required": _("Kolom ini wajib diisi.")}
DATE = {"required": _("Tanggal wajib diisi."), "invalid": _("Tanggal tidak valid (HH-BB-TTTT).")}
CHOICE = {"invalid_choice": _("Pilihan tidak dikenal."), "required": _("Pilih salah satu.")}
MULTI = {
    "invalid_choice": _("Pilihan tidak dikenal."),
    "invalid_pk_value": _("Pilihan tidak dikenal."),
    "list": _("Pilihan tidak dikenal."),
    "required": _("Pilih paling sedikit satu."),
}
DATE_INPUTS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Tempel teks notulen"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
    )
    upload = forms.FileField(
        label=_("atau unggah berkas teks (.txt)"),
        required=False,
        error_messages={"invalid": _("Berkas tidak valid."), "empty": _("Berkas kosong.")},
    )

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("Notulen terlalu besar (%(kb)d KB); paling besar 200 KB.")
                    % {"kb": -(-upload.size // 1024)}
                )
            data["minutes"] = upload.read(MAX_BYTES + 1)
            data["source_name"] = upload.name or ""
        else:
            data["minutes"] = data.get("text") or ""
            data["source_name"] = ""
        return data


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Judul singkat"), max_length=255, error_messages=REQUIRED)
    text = forms.CharField(
        label=_("Isi arahan"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    speaker_name = forms.CharField(label=_("Penyampai"), max_length=200, required=False)
    speaker_office = forms.CharField(label=_("Jabatan penyampai"), max_length=200, required=False)
    directive_type = forms.ModelChoiceField(
        label=_("Jenis arahan"),
        queryset=DirectiveType.objects.filter(is_active=True),
        error_messages=CHOICE,
    )
    lead = forms.ModelMultipleChoiceField(
        label=_("OPD pengampu"),
        queryset=Organization.objects.filter(is_active=True),
        error_messages=MULTI,
    )
    supporting = forms.ModelMultipleChoiceField(
        label=_("OPD pendukung"),
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        error_messages=MULTI,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Wilayah"), queryset=Area.objects.all(), required=False, error_messages=MULTI
    )
    due = forms.DateField(
        label=_("Batas waktu"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_INPUTS,
        error_messages=DATE,
    )


class AcceptForm(forms.Form):
    dispatch = forms.BooleanField(label=_("Langsung disposisikan ke OPD"), required=False)


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Keputusan"), choices=DecisionKind.choices, error_messages=CHOICE
    )
    note = forms.CharField(
        label=_("Catatan keputusan"),
        max_length=4000,
        error_messages=REQUIRED,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due = forms.DateField(
        label=_("Batas waktu baru"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_INPUTS,
        error_messages=DATE,
    )
    organization = forms.ModelChoiceField(
        label=_("OPD tujuan (untuk pengalihan)"),
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        error_messages=CHOICE,
    )


class RakorForm(forms.Form):
    series = forms.ModelChoiceField(
        label=_("Seri"), queryset=RakorSeries.objects.all(), error_messages=CHOICE
    )
    title = forms.CharField(label=_("Judul"), max_length=255, error_messages=REQUIRED)
    date = forms.DateField(
        label=_("Tanggal"), widget=DateInput(), input_formats=DATE_INPUTS, error_messages=DATE
    )
    place = forms.CharField(label=_("Tempat"), max_length=255, error_messages=REQUIRED)
    chair = forms.CharField(label=_("Pimpinan rapat"), max_length=255, error_messages=REQUIRED)
    mode = forms.ChoiceField(label=_("Moda"), choices=RakorMode.choices, error_messages=CHOICE)
