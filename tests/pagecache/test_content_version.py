"""The content version as stored in its file: every process reads every write."""

import os
import time

from pagecache import content_version


def test_the_version_file_is_read_afresh_after_every_write(settings):
    for n in range(50):  # writes of equal length within one tick of the file clock
        content_version.write_version(1000.0 + n, 0.0)
        assert content_version.read_version() == (1000.0 + n, 0.0)
    content_version._file_seen.clear()
    old = time.time() - 5
    os.utime(settings.PAGE_CACHE_VERSION_FILE, (old, old))
    assert content_version.read_version() == (1049.0, 0.0)  # settled: remembered by its inode, time and size
    content_version.write_version(2000.0, 0.0)
    assert content_version.read_version() == (2000.0, 0.0)
