"""Where a project's parts live: the fixed top-level layout of the design card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def licences(self) -> Path:
        return self.root / "licenses"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def watched(self) -> tuple[Path, ...]:
        """What `serve` watches for changes."""
        return (self.content, self.theme, self.licences, self.mkdocs_config)
