"""The checks on content beyond the model's own: links, navigation, safety, and the translation gate."""
