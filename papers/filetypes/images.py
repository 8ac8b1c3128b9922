"""PNG and JPEG images: opened with Pillow and decoded once to prove they are whole."""

from __future__ import annotations

import struct
import warnings
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from papers.filetypes.kinds import FileKind


def open_image(fp: IO[bytes], kind: FileKind) -> Image.Image:
    """Open a PNG or JPEG with Pillow, its decompression-bomb guard turned into a refusal."""
    formats = ["PNG"] if kind.key == "png" else ["JPEG", "MPO"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(fp, formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The image is too large to check safely (more than %(limit)s million pixels)."),
            code="image_too_large",
            params={"limit": (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000},
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise _image_damaged(kind) from error


def _image_damaged(kind: FileKind) -> ValidationError:
    return ValidationError(
        _("The %(label)s is damaged and cannot be opened."),
        code="image_damaged",
        params={"label": kind.label},
    )


def _check_image(upload: UploadedFile[bytes], kind: FileKind) -> None:
    upload.seek(0)
    with open_image(upload, kind) as image:
        try:
            if kind.key == "png":
                image.verify()  # every chunk's checksum, without decoding the pixels
            else:
                image.draft(None, (1, 1))  # decode every block at 1/8 scale: cheap, yet complete
                image.load()
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
            raise _image_damaged(kind) from error
