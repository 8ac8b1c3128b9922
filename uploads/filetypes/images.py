"""PNG and JPEG papers: judged by accounts.images, the one rule for every picture Plenary takes."""

from __future__ import annotations

from typing import IO

from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from PIL import Image

from accounts.images import picture_check, picture_open, picture_without_metadata
from uploads.filetypes.kinds import FileKind


def _format(kind: FileKind) -> str:
    return "PNG" if kind.key == "png" else "JPEG"


def open_image(fp: IO[bytes], kind: FileKind) -> Image.Image:
    """Open a PNG or JPEG, refused before decoding when its header claims too many pixels."""
    return picture_open(fp, _format(kind))


def _check_image(upload: UploadedFile[bytes], kind: FileKind) -> None:
    picture_check(upload, _format(kind))


def image_without_metadata(upload: File[bytes], kind: FileKind) -> bytes:
    """The image upright and without EXIF, XMP, IPTC or text chunks, as it is stored."""
    return picture_without_metadata(upload, _format(kind))
