"""The collected static files, readable by the front server's user when they live outside the data folder.

WhiteNoise writes its compressed copies (.gz, .br) itself, under the server's umask (077, settings), not through
the storage's permission modes: after collecting, every file and folder is given the storage's modes.
"""

import os

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ReadableStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, *args, **kwargs):
        yield from super().post_process(*args, **kwargs)
        for folder, _folders, files in os.walk(self.location):
            os.chmod(folder, self.directory_permissions_mode)
            for name in files:
                os.chmod(os.path.join(folder, name), self.file_permissions_mode)
