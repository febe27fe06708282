"""Evaluation: score predictions against the ILSVRC-2012 validation labels, the ReaL labels
and the WordNet hierarchy; distances between classes.

Names are imported on first use, so ``import imagenet_cli.eval.distances`` stays light.
No typer or rich here; numpy is imported only to read score files.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imagenet_cli.eval.distances import (
        DistanceMatrix,
        MatrixStats,
        Metric,
        Rewire,
        class_set,
        distance_matrix,
        matrix_stats,
        read_hierarchy,
    )
    from imagenet_cli.eval.labels import real_labels, val_labels
    from imagenet_cli.eval.predictions import Predictions, read_predictions
    from imagenet_cli.eval.scoring import (
        Accuracy,
        ClassResult,
        Evaluation,
        MistakeGroup,
        evaluate,
        mistake_severity,
    )

_WHERE = {
    "DistanceMatrix": "distances", "MatrixStats": "distances", "Metric": "distances",
    "Rewire": "distances", "class_set": "distances", "distance_matrix": "distances",
    "matrix_stats": "distances", "read_hierarchy": "distances",
    "real_labels": "labels", "val_labels": "labels",
    "Predictions": "predictions", "read_predictions": "predictions",
    "Accuracy": "scoring", "ClassResult": "scoring", "Evaluation": "scoring",
    "MistakeGroup": "scoring", "evaluate": "scoring", "mistake_severity": "scoring",
}  # fmt: skip

__all__ = [
    "Accuracy",
    "ClassResult",
    "DistanceMatrix",
    "Evaluation",
    "MatrixStats",
    "Metric",
    "MistakeGroup",
    "Predictions",
    "Rewire",
    "class_set",
    "distance_matrix",
    "evaluate",
    "matrix_stats",
    "mistake_severity",
    "read_hierarchy",
    "read_predictions",
    "real_labels",
    "val_labels",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"imagenet_cli.eval.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'imagenet_cli.eval' has no attribute {name!r}")
