"""``python -m imagenet_cli``."""

from imagenet_cli.cli.main import app

app(prog_name="imagenet")
