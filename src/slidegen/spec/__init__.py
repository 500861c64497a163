"""Deck specs: YAML with positions → includes → validated, frozen models.

loader.load_deck reads a deck, deck.Deck is the result. Nothing is imported here: the slide
kinds (slides/kinds/) import this package's shared pieces (model.py, selection.py) for their
models, and deck.py imports the kinds to know them.
"""
