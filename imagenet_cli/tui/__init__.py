"""``imagenet browse``: an interactive browser of the hierarchy (Textual, the ``[tui]`` extra).

Importing this package imports nothing; :mod:`imagenet_cli.tui.app` imports Textual and is
loaded only when ``imagenet browse`` runs. :mod:`imagenet_cli.tui.model` holds what the
browser shows, computed from the index without Textual.
"""
