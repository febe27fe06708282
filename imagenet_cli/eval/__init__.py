"""Evaluation: score predictions against the ILSVRC-2012 validation labels, the ReaL labels
and the WordNet hierarchy; distances between classes.

No typer or rich here; numpy is imported only to read score files.
"""

from __future__ import annotations

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
