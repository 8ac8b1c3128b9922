"""Small PNG previews of accepted papers: the first page of a PDF, or the image itself."""

import io
import os
from contextlib import contextmanager

from django.core.files.base import ContentFile, File
from PIL import Image, ImageOps

from uploads.filetypes import PDFIUM_LOCK, FileKind, local_path, open_image, open_pdf

# A preview is at most this many times as tall as it is wide; the rest of a long page is cut off.
MAX_ASPECT = 4


def make_thumbnail(
    upload_or_path: str | os.PathLike | File, kind: FileKind, *, width: int = 320
) -> ContentFile | None:
    """A PNG ``width`` pixels wide, or None for Office documents (they have no preview).

    Only call it for files ``inspect_upload()`` accepted; a damaged file raises ValidationError.
    """
    if kind.key == "pdf":
        picture = _render_first_page(upload_or_path, width)
    elif kind.key in ("png", "jpeg"):
        picture = _scale_image(upload_or_path, kind, width)
    else:
        return None
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="thumbnail.png")


def _render_first_page(upload_or_path: str | os.PathLike | File, width: int) -> Image.Image:
    with local_path(upload_or_path) as path, PDFIUM_LOCK, open_pdf(path) as document:
        page = document[0]
        try:
            page_width, page_height = page.get_size()
            scale = width / page_width
            cut = max(page_height - MAX_ASPECT * page_width, 0)  # in points, from the bottom
            bitmap = page.render(scale=scale, crop=(0, cut, 0, 0))
            picture = bitmap.to_pil().copy()
            bitmap.close()
        finally:
            page.close()
    return _to_width(picture, width)


def _scale_image(
    upload_or_path: str | os.PathLike | File, kind: FileKind, width: int
) -> Image.Image:
    with _opened(upload_or_path) as fp, open_image(fp, kind) as picture:
        if kind.key == "jpeg":
            picture.draft("RGB", (width, width))  # decode at 1/2, 1/4 or 1/8 scale when it can
        upright = ImageOps.exif_transpose(picture)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    if upright.height > MAX_ASPECT * upright.width:
        upright = upright.crop((0, 0, upright.width, MAX_ASPECT * upright.width))
    return _to_width(upright, width)


def _to_width(picture: Image.Image, width: int) -> Image.Image:
    if picture.width == width:
        return picture
    height = max(round(picture.height * width / picture.width), 1)
    return picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


@contextmanager
def _opened(upload_or_path: str | os.PathLike | File):
    if isinstance(upload_or_path, str | os.PathLike):
        with open(upload_or_path, "rb") as fp:
            yield fp
    else:
        upload_or_path.seek(0)
        yield upload_or_path
