"""Pictures people upload (speaker photos, organization logos, papers that are images): opened
with Pillow only after their header says they are of a sane size, checked whole, and stored
without the metadata they carry.

Below every app that takes pictures, so meetings, accounts and papers judge them by one rule.
"""

from __future__ import annotations

import io
import struct
import uuid
import warnings
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

# A scanned A4 page at 600 dpi is 35 million pixels; a 9,400 × 9,400 PNG of 10 KB (88 million)
# would take a worker past half a gigabyte to decode.
IMAGE_MAX_PIXELS = 50_000_000
# What each kind of picture is called to people, and the Pillow formats that read it.
PICTURE_FORMATS = {
    "PNG": (gettext_lazy("PNG image"), ("PNG",)),
    "JPEG": (gettext_lazy("JPEG image"), ("JPEG", "MPO")),
}
PICTURE_EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg"}


def picture_format(fp: IO[bytes]) -> str | None:
    """ "PNG" or "JPEG" by the file's first bytes, else None."""
    fp.seek(0)
    head = fp.read(8)
    fp.seek(0)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


def picture_open(fp: IO[bytes], fmt: str) -> Image.Image:
    """Open a PNG or JPEG lazily and refuse it, before any pixel is decoded, when its header
    claims more than IMAGE_MAX_PIXELS."""
    label, formats = PICTURE_FORMATS[fmt]
    fp.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(fp, formats=list(formats))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(None) from error
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise _damaged(label) from error
    width, height = picture.size
    if width * height > IMAGE_MAX_PIXELS:
        # Not picture.close(): that would close the caller's upload too.
        raise _too_many_pixels((width, height))
    return picture


def picture_check(fp: IO[bytes], fmt: str) -> None:
    """Decode enough of the picture to prove it is whole; ValidationError if it is not."""
    label = PICTURE_FORMATS[fmt][0]
    with picture_open(fp, fmt) as picture:
        try:
            if fmt == "PNG":
                picture.verify()  # every chunk's checksum, without decoding the pixels
            else:
                picture.draft(None, (1, 1))  # decode every block at 1/8 scale: cheap, complete
                picture.load()
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
            raise _damaged(label) from error


def picture_without_metadata(fp: IO[bytes], fmt: str) -> bytes:
    """The picture turned upright (by its EXIF orientation) and saved again with no EXIF, XMP,
    IPTC or text chunks: no GPS position, author or camera. Its colour profile is kept."""
    with picture_open(fp, fmt) as picture:
        upright = ImageOps.exif_transpose(picture)
        profile = picture.info.get("icc_profile")
    upright.info = {}  # Pillow writes back what info holds: comments, text, XMP, DPI
    options: dict[str, object] = {"icc_profile": profile} if profile else {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(buffer, "JPEG", quality=92, optimize=True, **options)
    else:
        upright.save(buffer, "PNG", optimize=True, **options)
    return buffer.getvalue()


def _too_many_pixels(size: tuple[int, int] | None) -> ValidationError:
    limit = IMAGE_MAX_PIXELS // 1_000_000
    if size is None:
        return ValidationError(
            _("The image is too large to check safely (more than %(limit)s million pixels)."),
            code="image_too_large",
            params={"limit": limit},
        )
    return ValidationError(
        _("The image is %(width)s × %(height)s pixels; the limit is %(limit)s million pixels."),
        code="image_too_large",
        params={"width": f"{size[0]:,}", "height": f"{size[1]:,}", "limit": limit},
    )


def _damaged(label: object) -> ValidationError:
    return ValidationError(
        _("The %(label)s is damaged and cannot be opened."),
        code="image_damaged",
        params={"label": label},
    )


# Photos and logos ------------------------------------------------------------------------------

PICTURE_MAX_BYTES = 5 * 1024 * 1024


def validate_picture(field_file) -> None:
    """A model field's validator: a whole PNG or JPEG of at most 5 MB and 50 million pixels.

    Judged by content, never by the name or the browser's word.
    """
    if getattr(field_file, "_committed", True):
        return  # already stored: it passed when it came
    if field_file.size > PICTURE_MAX_BYTES:
        raise ValidationError(
            _("The picture is larger than 5 MB: send a smaller PNG or JPEG."), code="too_large"
        )
    fp = field_file.file
    fmt = picture_format(fp)
    if fmt is None:
        raise ValidationError(
            _("This file is not a PNG or JPEG picture: send a photo or logo in one of those."),
            code="not_a_picture",
        )
    picture_check(fp, fmt)


def picture_cleaned(field_file) -> ContentFile[bytes] | None:
    """The newly uploaded picture of a field, without its metadata, under a generated name;
    None when the field holds nothing new. For a model's save()."""
    if not field_file or getattr(field_file, "_committed", True):
        return None
    fp = field_file.file
    fmt = picture_format(fp)
    if fmt is None:
        return None  # validate_picture refuses it in a form; nothing else reaches here
    return ContentFile(picture_without_metadata(fp, fmt), name=f"picture{PICTURE_EXTENSIONS[fmt]}")


@deconstructible
class PictureUploadTo:
    """upload_to for photos and logos: `<folder>/<random>.<jpg|png>`, nothing of the uploader's
    file name."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, _instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        return f"{self.folder}/{uuid.uuid4().hex}{suffix if suffix in ('.png', '.jpg') else ''}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PictureUploadTo) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class PictureFieldFile(ImageFieldFile):
    """A stored photo or logo whose `url` is the view that serves it, never MEDIA_URL."""

    @property
    def url(self) -> str:
        self._require_file()
        if self.field.url_of is None:
            raise ValueError(f"{self.field} has no view that serves it.")
        return self.field.url_of(self.instance)


class PictureField(models.ImageField):
    """A photo or logo: checked by content (validate_picture), stored under a generated name
    and without its metadata. Served by a view, never from MEDIA_URL (picture_response):
    `url_of(instance)` gives that view's address, which `field_file.url` returns."""

    attr_class = PictureFieldFile

    def __init__(
        self, *args, folder: str = "pictures", url_of: Callable[[Any], str] | None = None, **kwargs
    ) -> None:
        self.folder = folder
        self.url_of = url_of
        kwargs.setdefault("upload_to", PictureUploadTo(folder))
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        if validate_picture not in self.validators:
            self.validators.append(validate_picture)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["folder"] = self.folder
        kwargs.pop("upload_to", None)
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        field_file = getattr(model_instance, self.attname)
        cleaned = picture_cleaned(field_file)
        if cleaned is not None:
            field_file.save(cleaned.name, cleaned, save=False)
        return super().pre_save(model_instance, add)


def picture_response(field_file) -> FileResponse:
    """A stored photo or logo as an image response: its type from its generated name, never
    sniffed, and public for a day."""
    name = field_file.name or ""
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    try:
        opened = field_file.storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404("The picture is missing from storage.") from error
    response = FileResponse(opened, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, public=True, max_age=86400)
    return response
