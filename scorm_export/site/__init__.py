"""The course site: a docs tree written from the model, rendered by MkDocs + Material."""
