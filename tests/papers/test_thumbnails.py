import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from tests.papers import samples
from uploads.filetypes import ALLOWED_KINDS
from uploads.pictures import make_thumbnail

PDF = ALLOWED_KINDS["pdf"]


def opened(thumbnail) -> Image.Image:
    assert thumbnail.name == "thumbnail.png"
    picture = Image.open(io.BytesIO(thumbnail.read()))
    picture.load()
    return picture


def test_pdf_thumbnail_is_the_first_page_as_png():
    upload = SimpleUploadedFile("paper.pdf", samples.pdf(pages=2, mark=True))
    picture = opened(make_thumbnail(upload, PDF))
    assert (picture.format, picture.size, picture.mode) == ("PNG", (320, 453), "RGB")
    assert picture.getpixel((40, 40)) == (0, 0, 0)  # the black top-left quarter, right way up
    assert picture.getpixel((280, 400)) == (255, 255, 255)


def test_pdf_thumbnail_takes_the_given_width():
    upload = SimpleUploadedFile("paper.pdf", samples.pdf(size=(842, 595)))
    assert opened(make_thumbnail(upload, PDF, width=120)).size == (120, 85)


def test_pdf_thumbnail_of_a_very_long_page_keeps_its_top():
    upload = SimpleUploadedFile("poster.pdf", samples.pdf(size=(100, 2000), mark=True))
    picture = opened(make_thumbnail(upload, PDF, width=100))
    assert picture.size == (100, 400)
    assert picture.getpixel((10, 10)) == (0, 0, 0)


def test_pdf_thumbnail_from_a_path_or_a_temporary_upload(tmp_path):
    data = samples.pdf(mark=True)
    path = tmp_path / "paper.pdf"
    path.write_bytes(data)
    assert opened(make_thumbnail(path, PDF)).size == (320, 453)
    assert opened(make_thumbnail(str(path), PDF)).size == (320, 453)
    upload = TemporaryUploadedFile("paper.pdf", "application/pdf", len(data), None)
    try:
        upload.write(data)
        assert opened(make_thumbnail(upload, PDF)).size == (320, 453)
    finally:
        upload.close()


def test_damaged_pdf_has_no_thumbnail():
    upload = SimpleUploadedFile("paper.pdf", b"%PDF-1.7\n" + b"garbage " * 50)
    with pytest.raises(ValidationError) as caught:
        make_thumbnail(upload, PDF)
    assert caught.value.messages == ["The PDF is damaged and cannot be opened."]


@pytest.mark.parametrize(
    ("fmt", "key", "mode", "expected_mode"),
    [("PNG", "png", "RGB", "RGB"), ("PNG", "png", "RGBA", "RGBA"), ("JPEG", "jpeg", "RGB", "RGB")],
)
def test_image_thumbnail_is_a_png_of_the_given_width(fmt, key, mode, expected_mode):
    upload = SimpleUploadedFile("photo", samples.image(fmt, (400, 300), mode))
    picture = opened(make_thumbnail(upload, ALLOWED_KINDS[key]))
    assert (picture.format, picture.size, picture.mode) == ("PNG", (320, 240), expected_mode)
    assert picture.getpixel((20, 20))[:3] == (0, 0, 0)
    assert picture.getpixel((300, 220))[:3] == (255, 255, 255)


def test_small_image_is_scaled_up_to_the_width(tmp_path):
    path = tmp_path / "icon.png"
    path.write_bytes(samples.image("PNG", (32, 16)))
    assert opened(make_thumbnail(path, ALLOWED_KINDS["png"], width=64)).size == (64, 32)


def test_jpeg_thumbnail_follows_the_camera_orientation():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: turn 90° clockwise to show it
    Image.new("RGB", (400, 200), "white").save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue())
    assert opened(make_thumbnail(upload, ALLOWED_KINDS["jpeg"], width=100)).size == (100, 200)


def test_decompression_bomb_has_no_thumbnail():
    upload = SimpleUploadedFile("photo.png", samples.png_claiming(100_000, 100_000))
    with pytest.raises(ValidationError) as caught:
        make_thumbnail(upload, ALLOWED_KINDS["png"])
    assert caught.value.messages == [
        "The image is too large to check safely (more than 50 million pixels)."
    ]


@pytest.mark.parametrize("key", ["docx", "xlsx", "pptx"])
def test_office_documents_have_no_thumbnail(key):
    upload = SimpleUploadedFile(f"paper.{key}", samples.office(key))
    assert make_thumbnail(upload, ALLOWED_KINDS[key]) is None
