"""What happens on a case: progress, evidence, history, hold and extension requests.

All are scoped like the case itself: the case is fetched through cases.selectors first, so
a case the user may not see is a 404 for each of its sub-resources too.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases import selectors, services
from cases.errors import NotFound
from cases.evidence import sniff

from ..concurrency import expected_version
from ..inputs import (
    EvidenceInput,
    ExtensionDecisionInput,
    ExtensionRequestInput,
    HoldDecisionInput,
    HoldRequestInput,
    ProgressInput,
)
from ..pagination import NewestFirstPagination, SequenceCursorPagination
from ..parsers import EvidenceMultiPartParser
from ..problems import FileTypeNotAccepted, PayloadTooLarge
from ..schema import IF_MATCH
from ..serializers import (
    CaseEventSerializer,
    EvidenceSerializer,
    ExtensionRequestSerializer,
    HoldSerializer,
    ProgressUpdateSerializer,
)
from .base import ApiView

CASE_ETAG = OpenApiParameter(
    "X-Case-ETag",
    location=OpenApiParameter.HEADER,
    type=str,
    response=[201, 200],
    description="The case's ETag after this write (for the next If-Match).",
)


@extend_schema(tags=["progress"])
class ProgressList(ApiView):
    if_match = True
    pagination_class = NewestFirstPagination

    @extend_schema(responses=ProgressUpdateSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        return self.page(case.progress_updates.select_related("author"), ProgressUpdateSerializer)

    @extend_schema(
        request=ProgressInput,
        responses={201: ProgressUpdateSerializer},
        parameters=[IF_MATCH, CASE_ETAG],
    )
    def post(self, request, case_id: int):
        case = self.visible_case()
        version = expected_version(request, case)
        data = self.input(ProgressInput)
        update = services.case_add_progress(
            case=case, actor=request.user, expected_version=version, **data
        )
        response = Response(ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
        return self.with_case_etag(response, case)


@extend_schema(tags=["evidence"])
class EvidenceList(ApiView):
    if_match = True
    pagination_class = NewestFirstPagination
    parser_classes = [EvidenceMultiPartParser]

    @extend_schema(responses=EvidenceSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        return self.page(case.evidence.select_related("uploaded_by"), EvidenceSerializer)

    @extend_schema(
        request={"multipart/form-data": EvidenceInput},
        responses={201: EvidenceSerializer},
        parameters=[IF_MATCH, CASE_ETAG],
    )
    def post(self, request, case_id: int):
        """Upload a photo or PDF (multipart). Too large: 413; not a photo or PDF: 415."""
        case = self.visible_case()
        version = expected_version(request, case)
        data = self.input(EvidenceInput)
        upload = data.pop("file")
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            raise PayloadTooLarge(
                f"Berkas terlalu besar: paling besar "
                f"{settings.EVIDENCE_MAX_BYTES // (1024 * 1024)} MB."
            )
        upload.seek(0)
        head = upload.read(32)
        upload.seek(0)
        if sniff(head) is None:
            raise FileTypeNotAccepted(
                "Jenis berkas tidak diterima: unggah foto (JPEG, PNG, WebP) atau PDF."
            )
        evidence = services.case_add_evidence(
            case=case,
            actor=request.user,
            file=upload,
            name=upload.name,
            expected_version=version,
            **data,
        )
        response = Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)
        return self.with_case_etag(response, case)


@extend_schema(tags=["evidence"])
class EvidenceDownload(ApiView):
    @extend_schema(
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "image/webp"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        }
    )
    def get(self, request, case_id: int, pk: int):
        """The file, streamed, only if the case is visible to me."""
        case = self.visible_case()
        evidence = case.evidence.filter(pk=pk).first()
        if evidence is None or not default_storage.exists(evidence.file.name):
            raise NotFound("Bukti tidak ditemukan.")
        response = FileResponse(
            default_storage.open(evidence.file.name, "rb"),
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


@extend_schema(tags=["cases"])
class CaseHistory(ApiView):
    """Every event of the case, oldest first: who, when, why, and each field old → new."""

    pagination_class = SequenceCursorPagination

    @extend_schema(responses=CaseEventSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        return self.page(selectors.case_timeline(case), CaseEventSerializer)


_DECIDERS = ("requested_by", "decided_by")


@extend_schema(tags=["holds"])
class HoldList(ApiView):
    if_match = True
    pagination_class = NewestFirstPagination

    @extend_schema(responses=HoldSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        return self.page(case.holds.select_related(*_DECIDERS), HoldSerializer)

    @extend_schema(
        request=HoldRequestInput, responses={201: HoldSerializer}, parameters=[IF_MATCH, CASE_ETAG]
    )
    def post(self, request, case_id: int):
        """An officer asks for a hold; the OPD head or a coordinator decides."""
        case = self.visible_case()
        version = expected_version(request, case)
        data = self.input(HoldRequestInput)
        hold = services.case_request_hold(
            case=case, actor=request.user, expected_version=version, **data
        )
        response = Response(HoldSerializer(hold).data, status=status.HTTP_201_CREATED)
        return self.with_case_etag(response, case)


@extend_schema(tags=["holds"])
class HoldDecision(ApiView):
    if_match = True

    @extend_schema(
        request=HoldDecisionInput, responses=HoldSerializer, parameters=[IF_MATCH, CASE_ETAG]
    )
    def post(self, request, case_id: int, pk: int):
        case = self.visible_case()
        if not case.holds.filter(pk=pk).exists():
            raise NotFound("Permohonan penundaan tidak ditemukan.")
        version = expected_version(request, case)
        data = self.input(HoldDecisionInput)
        hold = services.hold_decide(
            hold=pk,
            actor=request.user,
            approve=data["approve"],
            note=data.get("note", ""),
            expected_version=version,
        )
        hold = case.holds.select_related(*_DECIDERS).get(pk=hold.pk)
        return self.with_case_etag(Response(HoldSerializer(hold).data), case)


@extend_schema(tags=["extensions"])
class ExtensionList(ApiView):
    if_match = True
    pagination_class = NewestFirstPagination

    @extend_schema(responses=ExtensionRequestSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        return self.page(
            case.extension_requests.select_related(*_DECIDERS), ExtensionRequestSerializer
        )

    @extend_schema(
        request=ExtensionRequestInput,
        responses={201: ExtensionRequestSerializer},
        parameters=[IF_MATCH, CASE_ETAG],
    )
    def post(self, request, case_id: int):
        """The OPD asks for a later deadline; a coordinator decides."""
        case = self.visible_case()
        version = expected_version(request, case)
        data = self.input(ExtensionRequestInput)
        extension = services.case_request_extension(
            case=case, actor=request.user, expected_version=version, **data
        )
        response = Response(
            ExtensionRequestSerializer(extension).data, status=status.HTTP_201_CREATED
        )
        return self.with_case_etag(response, case)


@extend_schema(tags=["extensions"])
class ExtensionDecision(ApiView):
    if_match = True

    @extend_schema(
        request=ExtensionDecisionInput,
        responses=ExtensionRequestSerializer,
        parameters=[IF_MATCH, CASE_ETAG],
    )
    def post(self, request, case_id: int, pk: int):
        case = self.visible_case()
        if not case.extension_requests.filter(pk=pk).exists():
            raise NotFound("Permohonan perpanjangan tidak ditemukan.")
        version = expected_version(request, case)
        data = self.input(ExtensionDecisionInput)
        extension = services.extension_decide(
            extension=pk, actor=request.user, expected_version=version, **data
        )
        extension = case.extension_requests.select_related(*_DECIDERS).get(pk=extension.pk)
        return self.with_case_etag(Response(ExtensionRequestSerializer(extension).data), case)
