#!/usr/bin/env python3
"""Build the course site and packages: `python build.py [check|build|serve]`."""

import sys

from scorm_export.cli import main

if __name__ == "__main__":
    sys.exit(main())
