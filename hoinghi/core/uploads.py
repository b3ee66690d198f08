"""Stops writing an upload to disk once it passes the size limit; the service then refuses it by size."""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


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
