"""Bundled data files of imagenet-cli (read through importlib.resources)."""
