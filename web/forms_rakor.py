"""Forms of the Rakor pages. They parse input only; cases.services decides what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Area,
    AreaLevel,
    DirectiveType,
    Organization,
    Priority,
    RakorMode,
    RakorSeries,
)

from .forms import DateInput

DATE_ERRORS = {"invalid": _("Tanggal tidak valid."), "required": _("Pilih tanggal.")}


def _organizations():
    return Organization.objects.filter(is_active=True).order_by("kind", "short_name")


def _areas():
    return Area.objects.filter(level__in=[AreaLevel.KECAMATAN, AreaLevel.KELURAHAN]).order_by(
        "code"
    )


class OrganizationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


class RakorCaptureForm(forms.Form):
    series = forms.ModelChoiceField(
        label=_("Seri rakor"),
        queryset=RakorSeries.objects.order_by("name"),
        empty_label=None,
        error_messages={"invalid_choice": _("Pilih seri rakor yang ada.")},
    )
    title = forms.CharField(label=_("Judul"), max_length=255)
    date = forms.DateField(label=_("Tanggal"), widget=DateInput, error_messages=DATE_ERRORS)
    place = forms.CharField(label=_("Tempat"), max_length=255)
    chair = forms.CharField(label=_("Pimpinan rapat"), max_length=255)
    mode = forms.ChoiceField(label=_("Moda"), choices=RakorMode.choices, initial=RakorMode.LURING)
    attendees = forms.CharField(
        label=_("Peserta"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu peserta atau instansi per baris."),
    )
    minutes = forms.CharField(
        label=_("Notulen"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DirectiveCaptureForm(forms.Form):
    """One directive of the meeting being captured; a form left empty is skipped."""

    title = forms.CharField(label=_("Judul singkat"), max_length=255, required=False)
    text = forms.CharField(
        label=_("Isi arahan"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    directive_type = forms.ModelChoiceField(
        label=_("Jenis arahan"),
        queryset=DirectiveType.objects.filter(is_active=True).order_by("name"),
        required=False,
        error_messages={"invalid_choice": _("Pilih jenis arahan yang ada.")},
    )
    speaker_name = forms.CharField(label=_("Penyampai"), max_length=200, required=False)
    speaker_office = forms.CharField(label=_("Jabatan penyampai"), max_length=200, required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Wilayah"),
        queryset=_areas(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def clean(self):
        data = super().clean()
        if self.has_changed():
            for name, label in (
                ("title", _("Judul singkat")),
                ("text", _("Isi arahan")),
                ("directive_type", _("Jenis arahan")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("%(label)s wajib diisi.") % {"label": label})
        return data


DirectiveFormSet = forms.formset_factory(
    DirectiveCaptureForm, extra=3, max_num=30, validate_max=True, absolute_max=30
)


class FanOutForm(forms.Form):
    lead = OrganizationChoices(
        label=_("OPD pengampu"),
        queryset=_organizations(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("Kosongkan untuk OPD pengampu bawaan jenis arahan."),
        error_messages={"invalid_choice": _("Organisasi tidak dikenal.")},
    )
    supporting = OrganizationChoices(
        label=_("OPD pendukung"),
        queryset=_organizations(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        error_messages={"invalid_choice": _("Organisasi tidak dikenal.")},
    )
    priority = forms.ChoiceField(
        label=_("Prioritas"), choices=Priority.choices, initial=Priority.NORMAL
    )
    area = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=_areas(),
        required=False,
        empty_label=_("(seluruh kota / tidak ada)"),
        error_messages={"invalid_choice": _("Wilayah tidak dikenal.")},
    )
    due_at = forms.DateField(
        label=_("Batas waktu"),
        required=False,
        widget=DateInput,
        error_messages=DATE_ERRORS,
        help_text=_("Kosongkan untuk batas waktu bawaan jenis arahan (hari kerja)."),
    )
    dispatch = forms.BooleanField(label=_("Langsung disposisikan"), required=False)
