"""A ZIP archive written as it is sent: the standard library's zipfile writing into a sink
that hands each written piece on, so memory holds one chunk of one file, never the archive.

zipfile writes to a stream that can tell() but not seek() by putting each entry's sizes and
CRC after its data (a data descriptor), which every unzip tool reads. Files are stored, not
compressed (photos, PDFs, audio and video are compressed already); text is deflated.
"""

import zipfile

CHUNK = 256 * 1024


class _Sink:
    """A write-only stream: what zipfile writes is kept until the generator takes it."""

    def __init__(self):
        self.pieces = []
        self.offset = 0

    def write(self, data):
        self.pieces.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self):
        return self.offset

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.pieces)
        self.pieces.clear()
        return data


def stream(entries, chunk=CHUNK):
    """Yield the bytes of a ZIP of `entries`: (name, date_time, source, size) where source is
    bytes, or a callable returning an open binary file (closed here), and size its length or None."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", allowZip64=True) as archive:
        for name, date_time, source, size in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = 0o644 << 16
            if isinstance(source, bytes):
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, source)
                yield sink.take()
                continue
            info.compress_type = zipfile.ZIP_STORED
            if size is not None:
                info.file_size = size
            with source() as file, archive.open(info, "w", force_zip64=size is None) as out:
                while piece := file.read(chunk):
                    out.write(piece)
                    if sink.pieces:
                        yield sink.take()
            yield sink.take()
    yield sink.take()
