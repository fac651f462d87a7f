"""Open course packages: Markdown courses in, a Swedish course site and LMS packages out."""

__version__ = "0.1.0"
