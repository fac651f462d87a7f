"""The course model and the loader that builds it from `content/`."""
