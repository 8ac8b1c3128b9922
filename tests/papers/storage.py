"""What the tests read of the media storage."""


def stored_files(settings) -> list[str]:
    """Every file under MEDIA_ROOT, as sorted paths relative to it."""
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
