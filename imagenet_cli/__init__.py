"""imagenet: an offline explorer of ImageNet, its WordNet 3.0 synsets, ILSVRC and architectures."""

__version__ = "0.1.0"
