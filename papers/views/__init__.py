"""Papers' pages: `submission` for focal points, `public` for everyone, `files` serves the files."""
