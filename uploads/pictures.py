"""PNG pictures of accepted files: the small thumbnail of the first page (or of the image), and
the larger pictures of the first pages the reviewer reads in the back office. Drawn in the
checker's child process (uploads/checking.py), never in a web request."""

import io
import os
from contextlib import contextmanager

from django.core.files.base import ContentFile, File
from PIL import Image, ImageOps

from uploads.filetypes import PDFIUM_LOCK, FileKind, local_path, open_image, open_pdf

# A preview is at most this many times as tall as it is wide; the rest of a long page is cut off.
MAX_ASPECT = 4
# The reviewer's pictures: legible at the admin's width, and never more than this many pages,
# however long the PDF, so making them takes the same time and memory for 3 pages or 300.
REVIEW_WIDTH = 900
REVIEW_PAGES = 3


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
    return _png(picture, "thumbnail.png")


def make_review_pages(
    upload_or_path: str | os.PathLike | File,
    kind: FileKind,
    *,
    width: int = REVIEW_WIDTH,
    pages: int = REVIEW_PAGES,
) -> list[ContentFile]:
    """PNGs of the first `pages` pages of a PDF, `width` pixels wide, or of an image (scaled
    down to `width`, never up); [] for Office documents, which have no preview.

    A damaged file raises ValidationError.
    """
    if kind.key == "pdf":
        pictures = _render_pages(upload_or_path, width, pages)
    elif kind.key in ("png", "jpeg"):
        pictures = [_scale_image(upload_or_path, kind, width, enlarge=False)]
    else:
        return []
    return [
        _png(picture, f"page-{number}.png", optimize=False)
        for number, picture in enumerate(pictures, start=1)
    ]


def _png(picture: Image.Image, name: str, *, optimize: bool = True) -> ContentFile:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=optimize)
    return ContentFile(buffer.getvalue(), name=name)


def _render_first_page(upload_or_path: str | os.PathLike | File, width: int) -> Image.Image:
    return _render_pages(upload_or_path, width, 1)[0]


def _render_pages(
    upload_or_path: str | os.PathLike | File, width: int, count: int
) -> list[Image.Image]:
    """The first `count` pages (fewer when the PDF has fewer), each `width` pixels wide and cut
    at MAX_ASPECT times its width."""
    pictures = []
    with local_path(upload_or_path) as path, PDFIUM_LOCK, open_pdf(path) as document:
        for index in range(min(count, len(document))):
            page = document[index]
            try:
                page_width, page_height = page.get_size()
                scale = width / page_width
                cut = max(page_height - MAX_ASPECT * page_width, 0)  # in points, from the bottom
                bitmap = page.render(scale=scale, crop=(0, cut, 0, 0))
                pictures.append(_to_width(bitmap.to_pil().copy(), width))
                bitmap.close()
            finally:
                page.close()
    return pictures


def _scale_image(
    upload_or_path: str | os.PathLike | File, kind: FileKind, width: int, *, enlarge: bool = True
) -> Image.Image:
    with _opened(upload_or_path) as fp, open_image(fp, kind) as picture:
        if kind.key == "jpeg":
            picture.draft("RGB", (width, width))  # decode at 1/2, 1/4 or 1/8 scale when it can
        upright = ImageOps.exif_transpose(picture)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    if upright.height > MAX_ASPECT * upright.width:
        upright = upright.crop((0, 0, upright.width, MAX_ASPECT * upright.width))
    return _to_width(upright, width if enlarge else min(width, upright.width))


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
