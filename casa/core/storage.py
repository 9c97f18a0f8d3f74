"""The production storage of static files: WhiteNoise's (hashed names, compressed copies), with
each file's URL worked out once per process. The manifest cannot change while a process runs,
and every page asks for the same dozen URLs, each a manifest lookup and URL quoting
(bench/server_time.py)."""

import functools

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    @functools.lru_cache(maxsize=2048)  # noqa: B019  one instance per process, kept for its life
    def url(self, name, force=False):
        return super().url(name, force)
