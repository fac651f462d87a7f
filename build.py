#!/usr/bin/env python3
"""Build the course site and packages: `python build.py [check|build|serve]`."""

import sys
from pathlib import Path

# the project's own package, also when build.py is run from another folder
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scorm_export.cli import main

if __name__ == "__main__":
    sys.exit(main(script_folder=Path(__file__).resolve().parent))
