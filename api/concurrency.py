"""ETag and If-Match for cases (RFC 9110 §13.1.1): the ETag is the case's version.

The comparison that matters happens in the service, under the case's row lock
(``expected_version``); this module only translates headers.
"""

from __future__ import annotations

import re

from cases.models import Case

from .problems import PreconditionFailed

_TAG = re.compile(r'\s*(W/)?"([^"]*)"\s*(?:,|$)')


def etag_for(case: Case) -> str:
    return f'"v{case.version}"'


def expected_version(request, case: Case) -> int | None:
    """The version the client's If-Match names, or None when it sent none (or ``*``).

    A header that names no strong tag of this case's form is a 412. With several tags, the
    one equal to the current version (if any) is passed on, and the service re-checks it
    under the lock.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return None
    header = header.strip()
    if header == "*":
        return None
    versions: list[int] = []
    position = 0
    while position < len(header):
        match = _TAG.match(header, position)
        if match is None or match.end() == position:
            raise PreconditionFailed("Header If-Match tidak dapat dibaca.")
        weak, value = match.groups()
        position = match.end()
        if weak or not re.fullmatch(r"v[0-9]{1,9}", value):
            continue
        versions.append(int(value[1:]))
    if not versions:
        raise PreconditionFailed()
    if case.version in versions:
        return case.version
    return versions[0]
