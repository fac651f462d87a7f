"""The test LMS of `build.py serve`: every package of the preview, and each SCORM package run as an LMS runs it.

Only the preview server offers it, under /__preview__/lms/ (routes.py); a built site never contains it. It
reads what an LMS reads: the packages in downloads/ and their imsmanifest.xml (packages.py), and the files
inside each zip (archive.py). In the browser, scorm-again (bundled in scorm_export/vendor/scorm_again/) is
the SCORM API and runtime/test-lms.js shows what the package sends it.
"""
