"""Uploads: the size limit while a file arrives, then what every upload is checked for (size, real type, digest)
before a service stores it, and storing it with its row."""

import errno
import hashlib
import io
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import filetypes
from .errors import invalid
from .text import clean

ACCEPT = ",".join(filetypes.BY_EXTENSION) + ",.jpeg"

_CONTENT = {
    "program": gettext_lazy("a program"),
    "legacy_office": gettext_lazy("an old Word or Excel file (.doc, .xls); save it as DOCX or XLSX"),
    "zip": gettext_lazy("a ZIP package that is not a DOCX or XLSX"),
    "damaged_zip": gettext_lazy("a damaged ZIP package"),
    "unknown": gettext_lazy("nothing recognisable"),
}


def max_upload_mb() -> str:
    return f"{settings.UPLOAD_MAX_BYTES / (1024 * 1024):g}"


def checked_file(uploaded_file, field: str = "file") -> tuple[filetypes.FileType, str]:
    """The file's type and sha256, after the size check (made before anything is read); a refusal names `field`."""
    if uploaded_file is None:
        invalid(_("Choose a file to upload."), field)
    if uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        invalid(_("This file is larger than %(limit)s MB.") % {"limit": max_upload_mb()}, field)
    if uploaded_file.size == 0:
        invalid(_("This file is empty."), field)
    try:
        file_type = filetypes.sniff(uploaded_file, settings.PAPER_UNPACKED_MAX_BYTES)
    except filetypes.Unsupported as refusal:
        if refusal.code == "oversized_zip":
            invalid(
                _(
                    "This file unpacks to more than %(limit)s MB, the most a paper may hold: make its pictures "
                    "smaller or split it into several files."
                )
                % {"limit": f"{settings.PAPER_UNPACKED_MAX_BYTES / (1024 * 1024):g}"},
                field,
            )
        what = refusal.name or _CONTENT[refusal.code]
        invalid(_("This file is not a PDF, DOCX, XLSX or image: its content is %(kind)s.") % {"kind": what}, field)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return file_type, digest.hexdigest()


def upload_name(uploaded_file, fallback: str) -> str:
    """The name the file had on the sender's computer (NFC, without folders), or `fallback`."""
    return clean(PurePath(uploaded_file.name or "").name)[:255] or fallback


FULL = (errno.ENOSPC, errno.EDQUOT)


def store(stored, name: str, content) -> None:
    """`stored.save(name, content)` for a file field, the row not saved; if writing fails (a full disk), what the
    storage had written so far is removed, and a full disk is refused with a message the sender can act on."""
    storage = stored.storage
    # The name the storage will give it (a free one), known before it writes: the name of a half-written file.
    target = storage.get_available_name(stored.field.generate_filename(stored.instance, name), stored.field.max_length)
    try:
        stored.save(name, content, save=False)
    except OSError as error:
        if storage.exists(target):
            storage.delete(target)
        if error.errno in FULL:
            invalid(
                _(
                    "The server's disk is full: the file was not saved and nothing was changed. Tell the system "
                    "administrator."
                )
            )
        raise


def save_with_file(instance, field: str, name: str, uploaded_file) -> None:
    """Store the file in `instance`'s file field, then the row; if the row fails, no orphan file is left behind."""
    stored = getattr(instance, field)
    store(stored, name, uploaded_file)
    try:
        instance.save()
    except Exception:
        stored.delete(save=False)
        raise


class SizeLimitHandler(FileUploadHandler):
    """First in the chain: passes chunks on until the file is too large, then swallows the rest.

    The request body is still read (HTTP gives no other way), but nothing past the limit is stored,
    and the placeholder it returns carries the real size, so the refusal can say what happened.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        return raw_data if self.received <= settings.UPLOAD_MAX_BYTES else None

    def file_complete(self, file_size):
        if self.received <= settings.UPLOAD_MAX_BYTES:
            return None  # the next handler holds the file
        return UploadedFile(io.BytesIO(), name=self.file_name, content_type=self.content_type, size=self.received)
