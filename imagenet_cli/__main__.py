"""``python -m imagenet_cli``."""

from imagenet_cli.cli.main import run

run()
