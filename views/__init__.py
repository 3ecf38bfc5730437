"""Views per feature: `<feature>_texts` writes the words, `<feature>_keys` the buttons."""
