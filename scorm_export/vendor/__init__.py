"""Third-party browser files the project ships, each folder with its licence and the module that refreshes it."""
