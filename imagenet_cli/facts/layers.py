"""Layer-by-layer specs of the landmark networks, and what they cost: shapes, params, MACs.

Data source: ``data/architectures/layers/<family>.json`` (one file per family: ``alexnet``,
``vgg``, ``resnet``, ``mobilenet``), written by hand from torchvision 0.29.1's model
definitions (``torchvision/models/alexnet.py``, ``vgg.py``, ``resnet.py``, ``mobilenetv2.py``,
``mobilenetv3.py``, read from the wheel, never imported) and, for the networks torchvision
lacks, from the papers' tables (each variant names its ``source``). A file reads::

    {"family": "resnet", "source": "...", "variants": {"resnet50": {
        "name": "ResNet-50", "source": "...", "input_size": 224,
        "stages": [{"name": "conv1", "layers": [{"op": "conv", "out": 64, ...}]}, ...]}}}

Every stage is a list of layers or compact blocks; each layer is an object whose ``op``
is one of (defaults in brackets; ``repeat`` [1] repeats any layer):

* ``conv``: ``out``, ``kernel`` (an int, or ``[height, width]`` for a rectangular kernel
  such as Inception-v3's 1x7), ``stride`` [1], ``padding`` [0] (likewise), ``groups`` [1],
  ``bias`` [true], ``bn`` [false] (a BatchNorm2d after it), ``act`` [none];
* ``max_pool`` / ``avg_pool``: ``kernel``, ``stride`` [kernel], ``padding`` [0],
  ``ceil_mode`` [false]; ``adaptive_avg_pool``: ``size``; ``lrn`` (local response
  normalisation, AlexNet 2012): ``size``;
* ``linear``: ``out``, ``in`` [the flattened input, checked when given], ``bias`` [true],
  ``act`` [none];
* ``basic`` (ResNet): ``out``, ``blocks``, ``stride`` [1]: two 3x3 convolutions;
  ``bottleneck`` (ResNet): ``width``, ``out``, ``blocks``, ``stride`` [1], ``stride_on``
  [``"3x3"``, torchvision's "ResNet V1.5"; ``"1x1"`` is the paper's placement]: 1x1, 3x3, 1x1.
  Every block convolution has no bias and a BatchNorm; the first block of a row gets a
  projection shortcut (1x1 convolution with the row's stride, no bias, BatchNorm) when its
  stride is not 1 or its input channels differ from ``out``, as torchvision's ``_make_layer``;
* ``dw_separable`` (MobileNet v1, Table 1): ``out``, ``stride`` [1]: a 3x3 depthwise
  convolution (stride here) and a 1x1 pointwise one, each without bias, BatchNorm, ReLU;
* ``inverted_residual`` (MobileNetV2, a Table 2 row; MNASNet's stacks): ``t``, ``c``,
  ``n``, ``s``, ``k`` [3]: ``n`` blocks of expansion ``t`` (1x1 to ``round(in * t)``
  channels, skipped when ``t`` is 1), ``k`` x ``k`` depthwise (stride ``s`` in the first
  block, else 1) and a linear 1x1 projection to ``c``; each convolution without bias, with
  BatchNorm;
* ``bneck`` (MobileNetV3, a row of Tables 1-2): ``kernel``, ``exp``, ``out``, ``se``, ``nl``
  (``"RE"`` ReLU or ``"HS"`` hard-swish), ``stride``: a 1x1 expansion to ``exp`` (skipped
  when ``exp`` equals the input channels), a depthwise ``kernel`` x ``kernel`` convolution,
  squeeze-and-excitation when ``se`` (global average pool, 1x1 convolution to
  ``_make_divisible(exp // 4, 8)`` channels with bias, ReLU, 1x1 convolution back with bias,
  hard-sigmoid, elementwise product) and a linear 1x1 projection to ``out``; convolutions
  without bias, with BatchNorm;
* ``fire`` (SqueezeNet): ``squeeze``, ``e1``, ``e3``: a 1x1 convolution to ``squeeze``
  channels, then a 1x1 convolution to ``e1`` and a 3x3 (padding 1) to ``e3`` channels on
  its output, concatenated to ``e1 + e3``; every convolution with bias, no BatchNorm;
* ``shuffle_units`` (ShuffleNetV2, a stage): ``out``, ``blocks``: one stride-2 unit with two
  branches (3x3 depthwise/2 and 1x1; 1x1, 3x3 depthwise/2 and 1x1) concatenated to ``out``
  channels, then ``blocks - 1`` units that run the second branch (stride 1) on half the
  channels; convolutions without bias, with BatchNorm;
* ``inception`` (GoogLeNet): ``c1``, ``c3r``, ``c3``, ``c5r``, ``c5``, ``pool``, ``k5`` [5]:
  the four branches of an Inception module (1x1; 1x1 then 3x3; 1x1 then ``k5`` x ``k5``;
  3x3/1 max pool then 1x1), concatenated; convolutions without bias, with BatchNorm;
* ``mbconv`` (EfficientNet): ``t``, ``k``, ``s``, ``c``, ``n``: ``n`` blocks of 1x1
  expansion to ``make_divisible(in * t, 8)`` (skipped when equal to ``in``), ``k`` x ``k``
  depthwise (stride ``s`` first), squeeze-and-excitation to ``max(1, in // 4)`` and a 1x1
  projection to ``c``; ``fused_mbconv`` (EfficientNetV2): the same without SE, the
  expansion and depthwise convolutions fused into one ``k`` x ``k`` convolution;
* ``vit_encoder`` (ViT): ``layers``, ``heads``, ``mlp``: class token and position
  embeddings for the patch grid, ``layers`` pre-norm Transformer blocks (multi-head
  self-attention and an MLP), a final LayerNorm; the output is the class token;
* ``swin_blocks`` (Swin Transformer): ``blocks``, ``heads``, ``window``, ``v2`` [false]:
  window-attention blocks with an MLP (see :class:`SwinBlocks`); ``patch_merging``,
  ``v2`` [false]: 2x2 merging to twice the channels;
* ``regnet_stage`` (RegNet X/Y): ``width``, ``depth``, ``group_width``, ``se_ratio``
  [none], ``stride`` [2], ``bottleneck`` [1.0]: residual bottleneck blocks with grouped
  3x3 convolutions (and squeeze-and-excitation for RegNetY);
* ``branches``: ``branches``, a list of layer lists run on the same input and
  concatenated (Inception-v3's modules); ``training_only``: ``layers`` whose parameters
  count but whose MACs do not (an auxiliary classifier that evaluation skips);
* ``layer_norm``: a LayerNorm over the channels (2 parameters per channel, no MACs);
  ``batch_norm``: a standalone BatchNorm (likewise);
* ``dense_block`` (DenseNet): ``layers``, ``growth``, ``bn_size`` [4]: each layer BatchNorm,
  1x1 convolution to ``bn_size * growth`` with BatchNorm, 3x3 convolution to ``growth``,
  concatenated to its input; ``transition``: BatchNorm, 1x1 convolution to half the
  channels, 2x2 average pool;
* ``convnext_blocks`` (ConvNeXt): ``blocks``: each a 7x7 depthwise convolution, LayerNorm,
  linear layers to 4x and back at every position (as 1x1 convolutions with bias) and a
  layer scale (1 parameter per channel).

Shapes are ``(C, H, W)`` for one image (batch 1); a ``linear`` layer flattens its input and
gives ``(out, 1, 1)``. Convolution and pooling sizes follow PyTorch:
``floor((H + 2p - k) / s) + 1`` (with ``ceil`` under ``ceil_mode``, but a last window that
would start in the right padding is dropped).

**Params** count the learnable tensors, as torchvision's ``num_params``
(``sum(p.numel() for p in model.parameters())``): convolution and linear weights and biases,
and BatchNorm's weight and bias (2 per channel; its running mean and variance are buffers,
not parameters).

**MACs** are multiply-accumulates of convolutions and linear layers only, for one image:
a convolution costs ``C_out * H_out * W_out * (C_in / groups) * k_h * k_w``, a linear layer
``in * out``; biases are not counted. Not counted at all: BatchNorm, activations (ReLU,
ReLU6, hard-swish, hard-sigmoid), pooling of every kind (so SE's global average pool),
SE's elementwise product, residual additions, LRN, dropout, softmax. SE's two 1x1
convolutions are convolutions and are counted.

Transformers: a linear layer applied to ``N`` tokens costs ``N * in * out``; attention's
two matrix products (``Q K^T`` and the attention weights times ``V``) cost ``N * N * D``
each over all heads (``heads * N * N * D / heads``); in windowed attention (Swin, MaxViT's
block and grid attention) ``N`` keys become the window's ``w * w`` tokens; softmax,
scaling, LayerNorm, GELU, position-embedding additions and residual additions are not
counted. Learnable class tokens, position embeddings, relative position bias tables,
LayerNorm weights and biases and layer scales are parameters.

This is the convention of torchvision's ``_ops`` figure, which its documentation prints as
"GFLOPS" (``docs/source/conf.py``, ``f"{v:.2f}"`` under the heading GFLOPS). pytorch/vision
pull request 6936 ("Adding FLOPs and size to model metadata", opened 2022-11-09, merged) added
``_ops`` with a script "based on @Chillee's work", Horace He's ``__torch_dispatch__`` FLOP
counter, whose ``conv_flop_count`` is ``batch * prod(weight.shape) * prod(out.shape[2:])``
("only multiplication is counted. Computation for addition and bias is ignored") and whose
``addmm_flop`` is ``batch * in * out``: one per multiply-accumulate, nothing else. So ``_ops``
is in fact GMACs; ``round(macs / 1e9, 3)`` here equals it for all 18 torchvision variants
(checked by ``tests/test_layers.py``). The papers' "FLOPs" (ResNet, Table 1) and
"mult-adds" (MobileNet, Tables 2-8) are multiply-adds too.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli._resources import data_root, load_json

#: Folder of ``data/`` holding one spec file per family.
LAYERS_DIR = "architectures/layers"

#: Activation names a spec may give (they cost neither params nor MACs).
ACTIVATIONS = frozenset(
    {"relu", "relu6", "hardswish", "hardsigmoid", "gelu", "silu", "tanh", "leaky"}
)

Shape = tuple[int, int, int]


def make_divisible(value: float, divisor: int = 8) -> int:
    """torchvision's ``_make_divisible`` (from TF-slim): round to a multiple of ``divisor``.

    Never below ``divisor``, and never more than 10% below ``value``.
    """
    rounded = max(divisor, int(value + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * value:
        rounded += divisor
    return rounded


def _conv_size(size: int, kernel: int, stride: int, padding: int) -> int:
    return (size + 2 * padding - kernel) // stride + 1


def _pool_size(size: int, kernel: int, stride: int, padding: int, ceil_mode: bool) -> int:
    if not ceil_mode:
        return _conv_size(size, kernel, stride, padding)
    out = -(-(size + 2 * padding - kernel) // stride) + 1
    if (out - 1) * stride >= size + padding:  # PyTorch drops a window starting in the padding
        out -= 1
    return out


class LayerCost(NamedTuple):
    """One layer of the network at one input size (``arch layers NAME --detail``).

    Attributes:
        name: where it sits: the stage, the layer's index in it, the block and the part
            (``layer1.0.1.conv2``, ``layer1.0.0.downsample``).
        kind: ``conv``, ``linear``, ``matmul`` (attention's Q K^T or weights x V),
            ``max pool``, ``avg pool``, ``adaptive pool`` (an average to a fixed size),
            ``lrn``, ``batch norm``, ``layer norm``, ``layer scale``, ``embedding`` (a
            class token or position embeddings), ``parameter`` (a learned tensor such as a
            relative position bias table); `` (training only)`` appended for the parts of
            an auxiliary classifier (params counted, MACs not).
        kernel, stride, groups: as PyTorch's layer takes them (None where not applicable).
        output_shape: ``(C, H, W)`` for one image; params and MACs as :class:`NetworkCost`.
    """

    name: str
    kind: str
    kernel: int | tuple[int, int] | None
    stride: int | None
    groups: int | None
    output_shape: Shape
    params: int
    macs: int


class _Shaper:
    """Walks layers over a shape, adding params and MACs; raises on an empty output.

    With ``record`` set, every layer also lands in ``layers`` as a :class:`LayerCost`,
    named ``prefix`` plus the part name the caller gives.
    """

    def __init__(self, shape: Shape, where: str, record: bool = False) -> None:
        self.shape = shape
        self.params = 0
        self.macs = 0
        self.where = where
        self.record = record
        self.prefix = ""
        self.layers: list[LayerCost] = []

    def _log(
        self,
        part: str,
        kind: str,
        kernel: int | tuple[int, int] | None,
        stride: int | None,
        groups: int | None,
        params: int,
        macs: int,
    ) -> None:
        if self.record:
            name = f"{self.prefix}.{part}" if part else self.prefix
            self.layers.append(
                LayerCost(name, kind, kernel, stride, groups, self.shape, params, macs)
            )

    def _spatial(self, height: int, width: int, what: str) -> None:
        if height < 1 or width < 1:
            c, h, w = self.shape
            raise ImagenetError(
                f"the input is too small for {self.where}: its {what} turns "
                f"{c}x{h}x{w} into an empty {height}x{width} map"
            )

    def conv(
        self,
        out: int,
        kernel: int | tuple[int, int],
        stride: int = 1,
        padding: int | tuple[int, int] = 0,
        groups: int = 1,
        bias: bool = False,
        bn: bool = False,
        part: str = "",
    ) -> None:
        c, h, w = self.shape
        if c % groups or out % groups:
            raise ImagenetError(f"{self.where}: {c} or {out} channels do not split in {groups}")
        kh, kw = kernel if isinstance(kernel, tuple) else (kernel, kernel)
        ph, pw = padding if isinstance(padding, tuple) else (padding, padding)
        oh = _conv_size(h, kh, stride, ph)
        ow = _conv_size(w, kw, stride, pw)
        self._spatial(oh, ow, f"{kh}x{kw} convolution")
        per_output = (c // groups) * kh * kw
        params = out * per_output + (out if bias else 0) + (2 * out if bn else 0)
        macs = out * oh * ow * per_output
        self.params += params
        self.macs += macs
        self.shape = (out, oh, ow)
        self._log(part, "conv", kernel, stride, groups, params, macs)

    def pool(
        self,
        kernel: int,
        stride: int,
        padding: int,
        ceil_mode: bool,
        kind: str = "max",
        part: str = "",
    ) -> None:
        c, h, w = self.shape
        oh = _pool_size(h, kernel, stride, padding, ceil_mode)
        ow = _pool_size(w, kernel, stride, padding, ceil_mode)
        self._spatial(oh, ow, f"{kernel}x{kernel} pooling")
        self.shape = (c, oh, ow)
        self._log(part, f"{kind} pool", kernel, stride, None, 0, 0)

    def adaptive_pool(self, size: int, part: str = "") -> None:
        self.shape = (self.shape[0], size, size)
        self._log(part, "adaptive pool", None, None, None, 0, 0)

    def norm(self, part: str = "", kind: str = "layer norm") -> None:
        """A LayerNorm over the channels: a weight and a bias per channel, no MACs."""
        self.params += 2 * self.shape[0]
        self._log(part, kind, None, None, None, 2 * self.shape[0], 0)

    def scale(self, part: str = "") -> None:
        """A learnable per-channel scale (ConvNeXt's layer scale): one per channel, no MACs."""
        self.params += self.shape[0]
        self._log(part, "layer scale", None, None, None, self.shape[0], 0)

    def tokens(self, out: int, bias: bool, part: str, count: int | None = None) -> None:
        """A linear layer applied to each token of a ``(D, H, W)`` map or ``(D, N, 1)`` sequence.

        ``count`` tokens (default ``H * W``) pay for it: Swin's attention projects the map
        padded to whole windows. The shape keeps its ``H`` and ``W``.
        """
        d, h, w = self.shape
        n = h * w if count is None else count
        params = d * out + (out if bias else 0)
        self.params += params
        self.macs += n * d * out
        self.shape = (out, h, w)
        self._log(part, "linear", None, None, None, params, n * d * out)

    def matmul(self, macs: int, part: str) -> None:
        """A product of two activations (attention's Q K^T, or its weights times V)."""
        self.macs += macs
        self._log(part, "matmul", None, None, None, 0, macs)

    def linear(self, out: int, declared_in: int | None, bias: bool, part: str = "") -> None:
        c, h, w = self.shape
        features = c * h * w
        if declared_in is not None and declared_in != features:
            raise ImagenetError(
                f"the input size does not fit {self.where}: it flattens {c}x{h}x{w} = "
                f"{features:,} features, but the layer takes {declared_in:,}"
            )
        params = features * out + (out if bias else 0)
        self.params += params
        self.macs += features * out
        self.shape = (out, 1, 1)
        self._log(part, "linear", None, None, None, params, features * out)


# --- layers -----------------------------------------------------------------------------


class Conv(NamedTuple):
    """A 2-d convolution, optionally followed by BatchNorm and an activation."""

    out: int
    kernel: int | tuple[int, int]
    stride: int = 1
    padding: int | tuple[int, int] = 0
    groups: int = 1
    bias: bool = True
    bn: bool = False
    act: str | None = None

    def apply(self, run: _Shaper) -> None:
        """Add this layer's cost to ``run`` and move its shape on."""
        run.conv(self.out, self.kernel, self.stride, self.padding, self.groups, self.bias, self.bn)

    def describe(self) -> str:
        """A short label: ``conv 3x3/2, 64, BN, relu`` (``conv 1x7`` when rectangular)."""
        kh, kw = self.kernel if isinstance(self.kernel, tuple) else (self.kernel, self.kernel)
        parts = [f"conv {kh}x{kw}" + (f"/{self.stride}" if self.stride > 1 else "")]
        parts.append(str(self.out) + (" dw" if self.groups == self.out > 1 else ""))
        if 1 < self.groups < self.out:
            parts.append(f"{self.groups} groups")
        if self.bn:
            parts.append("BN")
        if self.act:
            parts.append(self.act)
        return ", ".join(parts)


class Pool(NamedTuple):
    """Max or average pooling (``kind`` is ``max`` or ``avg``); no params, no MACs."""

    kind: str
    kernel: int
    stride: int
    padding: int = 0
    ceil_mode: bool = False

    def apply(self, run: _Shaper) -> None:
        """Move ``run``'s shape on."""
        run.pool(self.kernel, self.stride, self.padding, self.ceil_mode, self.kind)

    def describe(self) -> str:
        """A short label: ``max pool 3x3/2``."""
        return f"{self.kind} pool {self.kernel}x{self.kernel}/{self.stride}"


class AdaptiveAvgPool(NamedTuple):
    """Average pooling to a fixed ``size`` x ``size`` output; no params, no MACs."""

    size: int

    def apply(self, run: _Shaper) -> None:
        """Move ``run``'s shape on."""
        run.adaptive_pool(self.size)

    def describe(self) -> str:
        """A short label: ``adaptive avg pool 7x7``."""
        return f"adaptive avg pool {self.size}x{self.size}"


class LocalResponseNorm(NamedTuple):
    """Local response normalisation (AlexNet 2012, Section 3.3); no params, no MACs."""

    size: int

    def apply(self, run: _Shaper) -> None:
        """Leave ``run``'s shape and costs unchanged (the layer is still listed)."""
        run._log("", "lrn", self.size, None, None, 0, 0)

    def describe(self) -> str:
        """A short label: ``LRN 5``."""
        return f"LRN {self.size}"


class Linear(NamedTuple):
    """A fully-connected layer over the flattened input (``in_features`` checked if given)."""

    out: int
    in_features: int | None = None
    bias: bool = True
    act: str | None = None

    def apply(self, run: _Shaper) -> None:
        """Add this layer's cost to ``run`` and move its shape on."""
        run.linear(self.out, self.in_features, self.bias)

    def describe(self) -> str:
        """A short label: ``fc 4096, relu``."""
        return f"fc {self.out}" + (f", {self.act}" if self.act else "")


class ResidualBlocks(NamedTuple):
    """A row of ResNet blocks (``basic`` or ``bottleneck``), torchvision's ``_make_layer``."""

    kind: str
    out: int
    blocks: int
    stride: int = 1
    width: int | None = None
    stride_on: str = "3x3"
    groups: int = 1

    def apply(self, run: _Shaper) -> None:
        """Add the blocks' cost to ``run`` (shortcut projection included)."""
        prefix = run.prefix
        for index in range(self.blocks):
            run.prefix = f"{prefix}.{index}"
            stride = self.stride if index == 0 else 1
            inp = run.shape[0]
            start = run.shape
            if self.kind == "basic":
                run.conv(self.out, 3, stride, 1, bn=True, part="conv1")
                run.conv(self.out, 3, 1, 1, bn=True, part="conv2")
            else:
                width = self.width or self.out // 4
                first, middle = (stride, 1) if self.stride_on == "1x1" else (1, stride)
                run.conv(width, 1, first, 0, bn=True, part="conv1")
                run.conv(width, 3, middle, 1, self.groups, bn=True, part="conv2")
                run.conv(self.out, 1, 1, 0, bn=True, part="conv3")
            if stride != 1 or inp != self.out:
                body = run.shape
                run.shape = start
                run.conv(self.out, 1, stride, 0, bn=True, part="downsample")
                run.shape = body
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``[1x1 64, 3x3 64, 1x1 256] x3, /2`` (``g32``: grouped 3x3)."""
        if self.kind == "basic":
            body = f"[3x3 {self.out}, 3x3 {self.out}]"
        else:
            grouped = f" g{self.groups}" if self.groups > 1 else ""
            body = f"[1x1 {self.width}, 3x3 {self.width}{grouped}, 1x1 {self.out}]"
        return f"{body} x{self.blocks}" + (f", /{self.stride}" if self.stride > 1 else "")


class DepthwiseSeparable(NamedTuple):
    """MobileNet v1's 3x3 depthwise + 1x1 pointwise pair, each with BatchNorm and ReLU."""

    out: int
    stride: int = 1

    def apply(self, run: _Shaper) -> None:
        """Add the pair's cost to ``run``."""
        channels = run.shape[0]
        run.conv(channels, 3, self.stride, 1, groups=channels, bn=True, part="dw")
        run.conv(self.out, 1, 1, 0, bn=True, part="pw")

    def describe(self) -> str:
        """A short label: ``dw 3x3/2 + pw 128``."""
        stride = f"/{self.stride}" if self.stride > 1 else ""
        return f"dw 3x3{stride} + pw {self.out}"


class InvertedResidual(NamedTuple):
    """A MobileNetV2 Table 2 row: ``n`` blocks of expansion ``t`` to ``c`` channels.

    ``k`` is the depthwise kernel (3 in MobileNetV2; MNASNet's stacks use 3 or 5).
    """

    t: int
    c: int
    n: int
    s: int
    k: int = 3

    def apply(self, run: _Shaper) -> None:
        """Add the row's cost to ``run``."""
        prefix = run.prefix
        for index in range(self.n):
            run.prefix = f"{prefix}.{index}"
            inp = run.shape[0]
            hidden = round(inp * self.t)
            if self.t != 1:
                run.conv(hidden, 1, 1, 0, bn=True, part="expand")
            stride = self.s if index == 0 else 1
            run.conv(hidden, self.k, stride, self.k // 2, groups=hidden, bn=True, part="dw")
            run.conv(self.c, 1, 1, 0, bn=True, part="project")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``bottleneck t=6 c=24 n=2 s=2`` (``k=5`` when not 3x3)."""
        kernel = f" k={self.k}" if self.k != 3 else ""
        return f"bottleneck t={self.t} c={self.c} n={self.n} s={self.s}{kernel}"


class Bneck(NamedTuple):
    """A MobileNetV3 Table 1/2 row, built as torchvision's ``InvertedResidual``."""

    kernel: int
    exp: int
    out: int
    se: bool
    nl: str
    stride: int

    @property
    def squeeze(self) -> int:
        """SE's squeeze channels: torchvision's ``_make_divisible(exp // 4, 8)``."""
        return make_divisible(self.exp // 4, 8)

    def apply(self, run: _Shaper) -> None:
        """Add the block's cost to ``run``."""
        if self.exp != run.shape[0]:
            run.conv(self.exp, 1, 1, 0, bn=True, part="expand")
        padding = (self.kernel - 1) // 2
        run.conv(self.exp, self.kernel, self.stride, padding, self.exp, bn=True, part="dw")
        if self.se:
            body = run.shape
            run.adaptive_pool(1, part="se.avgpool")
            run.conv(self.squeeze, 1, bias=True, part="se.fc1")
            run.conv(self.exp, 1, bias=True, part="se.fc2")
            run.shape = body  # the scale multiplies the body's output
        run.conv(self.out, 1, 1, 0, bn=True, part="project")

    def describe(self) -> str:
        """A short label: ``bneck 5x5, exp 72, 40, SE, RE, /2``."""
        parts = [f"bneck {self.kernel}x{self.kernel}", f"exp {self.exp}", str(self.out)]
        parts += ["SE"] if self.se else []
        parts.append(self.nl + (f", /{self.stride}" if self.stride > 1 else ""))
        return ", ".join(parts)


class Fire(NamedTuple):
    """A SqueezeNet Fire module: a 1x1 squeeze, then 1x1 and 3x3 expands concatenated."""

    squeeze: int
    e1: int
    e3: int

    def apply(self, run: _Shaper) -> None:
        """Add the module's cost to ``run``: every convolution has a bias and a ReLU."""
        run.conv(self.squeeze, 1, bias=True, part="squeeze")
        squeezed = run.shape
        run.conv(self.e1, 1, bias=True, part="expand1x1")
        run.shape = squeezed
        run.conv(self.e3, 3, 1, 1, bias=True, part="expand3x3")
        run.shape = (self.e1 + self.e3, squeezed[1], squeezed[2])  # the concatenation

    def describe(self) -> str:
        """A short label: ``fire s16 e64+64``."""
        return f"fire s{self.squeeze} e{self.e1}+{self.e3}"


class ShuffleUnits(NamedTuple):
    """A ShuffleNetV2 stage: one stride-2 unit and ``blocks - 1`` stride-1 units to ``out``.

    Built as torchvision's ``InvertedResidual`` (shufflenetv2.py): a stride-2 unit runs two
    branches on the whole input (branch 1: 3x3 depthwise/2 + BN, 1x1 + BN; branch 2: 1x1
    + BN, 3x3 depthwise/2 + BN, 1x1 + BN) and concatenates them; a stride-1 unit splits the
    channels in two and runs branch 2 on one half. Channel shuffles and splits are free.
    """

    out: int
    blocks: int

    def apply(self, run: _Shaper) -> None:
        """Add the stage's cost to ``run``."""
        prefix = run.prefix
        half = self.out // 2
        for index in range(self.blocks):
            run.prefix = f"{prefix}.{index}"
            c, h, w = run.shape
            if index == 0:
                start = run.shape
                run.conv(c, 3, 2, 1, groups=c, bn=True, part="branch1.dw")
                run.conv(half, 1, bn=True, part="branch1.pw")
                run.shape = start
                run.conv(half, 1, bn=True, part="branch2.pw1")
                run.conv(half, 3, 2, 1, groups=half, bn=True, part="branch2.dw")
            else:
                run.shape = (c - half, h, w)  # the half that goes through branch 2
                run.conv(half, 1, bn=True, part="branch2.pw1")
                run.conv(half, 3, 1, 1, groups=half, bn=True, part="branch2.dw")
            run.conv(half, 1, bn=True, part="branch2.pw2")
            run.shape = (self.out, run.shape[1], run.shape[2])  # concatenation
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``shuffle unit 116 x4, /2``."""
        return f"shuffle unit {self.out} x{self.blocks}, /2"


class LayerNorm(NamedTuple):
    """A LayerNorm over the channels at every position (torchvision's LayerNorm2d)."""

    def apply(self, run: _Shaper) -> None:
        """Add the norm's weight and bias (2 per channel) to ``run``."""
        run.norm()

    def describe(self) -> str:
        """A short label: ``LayerNorm``."""
        return "LayerNorm"


class ConvNeXtBlocks(NamedTuple):
    """``blocks`` ConvNeXt blocks at the input's width (torchvision's ``CNBlock``).

    Each: a 7x7 depthwise convolution with bias, a LayerNorm, a linear layer to 4x the
    channels and one back (applied at every position, so counted as 1x1 convolutions with
    bias: ``H * W * C * 4C`` MACs each), and a learnable layer scale (one per channel).
    """

    blocks: int

    def apply(self, run: _Shaper) -> None:
        """Add the blocks' cost to ``run``."""
        prefix = run.prefix
        channels = run.shape[0]
        for index in range(self.blocks):
            run.prefix = f"{prefix}.{index}"
            run.conv(channels, 7, 1, 3, groups=channels, bias=True, part="dwconv")
            run.norm(part="norm")
            run.conv(4 * channels, 1, bias=True, part="pwconv1")
            run.conv(channels, 1, bias=True, part="pwconv2")
            run.scale(part="layer_scale")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``ConvNeXt block x3``."""
        return f"ConvNeXt block x{self.blocks}"


class BatchNorm(NamedTuple):
    """A standalone BatchNorm on the current channels (DenseNet's pre-activation norms)."""

    def apply(self, run: _Shaper) -> None:
        """Add the norm's weight and bias (2 per channel) to ``run``."""
        run.norm(kind="batch norm")

    def describe(self) -> str:
        """A short label: ``BN``."""
        return "BN"


class DenseBlock(NamedTuple):
    """A DenseNet dense block (torchvision's ``_DenseBlock`` of ``_DenseLayer``).

    Each of ``layers`` layers: BatchNorm on its (concatenated) input, a 1x1 convolution
    to ``bn_size * growth`` channels with BatchNorm, a 3x3 convolution to ``growth``
    channels; its output is concatenated to the input, so the block adds
    ``layers * growth`` channels. Convolutions without bias.
    """

    layers: int
    growth: int
    bn_size: int = 4

    def apply(self, run: _Shaper) -> None:
        """Add the block's cost to ``run``."""
        prefix = run.prefix
        for index in range(self.layers):
            run.prefix = f"{prefix}.{index}"
            c, h, w = run.shape
            run.norm(part="norm1", kind="batch norm")
            run.conv(self.bn_size * self.growth, 1, bn=True, part="conv1")
            run.conv(self.growth, 3, 1, 1, part="conv2")
            run.shape = (c + self.growth, h, w)  # the concatenation
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``dense block x6, k=32``."""
        return f"dense block x{self.layers}, k={self.growth}"


class Transition(NamedTuple):
    """A DenseNet transition: BatchNorm, a 1x1 convolution to half the channels, 2x2 avg pool."""

    def apply(self, run: _Shaper) -> None:
        """Add the transition's cost to ``run``."""
        run.norm(part="norm", kind="batch norm")
        run.conv(run.shape[0] // 2, 1, part="conv")
        run.pool(2, 2, 0, False, "avg", part="pool")

    def describe(self) -> str:
        """A short label: ``transition``."""
        return "transition (1x1, avg pool /2)"


class InceptionModule(NamedTuple):
    """A GoogLeNet Inception module (torchvision's ``Inception``), four branches concatenated.

    1x1 to ``c1``; 1x1 to ``c3r`` then 3x3 to ``c3``; 1x1 to ``c5r`` then a ``k5`` x ``k5``
    convolution to ``c5`` (the paper's 5x5; torchvision uses 3x3, "a known bug",
    pytorch/vision issue 906); a 3x3/1 max pool then 1x1 to ``pool``. Every convolution
    without bias, with BatchNorm (torchvision's ``BasicConv2d``).
    """

    c1: int
    c3r: int
    c3: int
    c5r: int
    c5: int
    pool: int
    k5: int = 5

    def apply(self, run: _Shaper) -> None:
        """Add the module's cost to ``run``."""
        start = run.shape
        run.conv(self.c1, 1, bn=True, part="branch1")
        run.shape = start
        run.conv(self.c3r, 1, bn=True, part="branch2.reduce")
        run.conv(self.c3, 3, 1, 1, bn=True, part="branch2.conv")
        run.shape = start
        run.conv(self.c5r, 1, bn=True, part="branch3.reduce")
        run.conv(self.c5, self.k5, 1, self.k5 // 2, bn=True, part="branch3.conv")
        run.shape = start
        run.pool(3, 1, 1, True, part="branch4.pool")
        run.conv(self.pool, 1, bn=True, part="branch4.proj")
        total = self.c1 + self.c3 + self.c5 + self.pool
        run.shape = (total, start[1], start[2])

    def describe(self) -> str:
        """A short label: ``inception 64/96>128/16>32/32``."""
        return f"inception {self.c1}/{self.c3r}>{self.c3}/{self.c5r}>{self.c5}/{self.pool}"


class MBConvBlocks(NamedTuple):
    """An EfficientNet stage of ``n`` MBConv blocks (torchvision's ``MBConv``).

    Each: a 1x1 expansion to ``make_divisible(in * t, 8)`` channels (skipped when that
    equals the input), a ``k`` x ``k`` depthwise convolution (stride ``s`` in the first
    block), squeeze-and-excitation to ``max(1, in // 4)`` channels (two 1x1 convolutions
    with bias on the pooled map) and a 1x1 projection to ``c``; convolutions without bias,
    with BatchNorm. ``in`` is each block's own input (``c`` after the first).
    """

    t: float
    k: int
    s: int
    c: int
    n: int

    def apply(self, run: _Shaper) -> None:
        """Add the stage's cost to ``run``."""
        prefix = run.prefix
        for index in range(self.n):
            run.prefix = f"{prefix}.{index}"
            inp = run.shape[0]
            expanded = make_divisible(inp * self.t, 8)
            if expanded != inp:
                run.conv(expanded, 1, bn=True, part="expand")
            stride = self.s if index == 0 else 1
            run.conv(expanded, self.k, stride, (self.k - 1) // 2, expanded, bn=True, part="dw")
            body = run.shape
            run.adaptive_pool(1, part="se.avgpool")
            run.conv(max(1, inp // 4), 1, bias=True, part="se.fc1")
            run.conv(expanded, 1, bias=True, part="se.fc2")
            run.shape = body
            run.conv(self.c, 1, bn=True, part="project")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``MBConv6 k3 c24 x2, /2``."""
        stride = f", /{self.s}" if self.s > 1 else ""
        return f"MBConv{self.t:g} k{self.k} c{self.c} x{self.n}{stride}"


class FusedMBConvBlocks(NamedTuple):
    """An EfficientNetV2 stage of ``n`` Fused-MBConv blocks (torchvision's ``FusedMBConv``).

    Each: a ``k`` x ``k`` convolution to ``make_divisible(in * t, 8)`` channels (stride
    ``s`` in the first block) and a 1x1 projection to ``c``; when the expansion equals the
    input, a single ``k`` x ``k`` convolution to ``c``. No squeeze-and-excitation;
    convolutions without bias, with BatchNorm.
    """

    t: float
    k: int
    s: int
    c: int
    n: int

    def apply(self, run: _Shaper) -> None:
        """Add the stage's cost to ``run``."""
        prefix = run.prefix
        for index in range(self.n):
            run.prefix = f"{prefix}.{index}"
            inp = run.shape[0]
            expanded = make_divisible(inp * self.t, 8)
            stride = self.s if index == 0 else 1
            padding = (self.k - 1) // 2
            if expanded != inp:
                run.conv(expanded, self.k, stride, padding, bn=True, part="expand")
                run.conv(self.c, 1, bn=True, part="project")
            else:
                run.conv(self.c, self.k, stride, padding, bn=True, part="conv")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``Fused-MBConv4 k3 c48 x4, /2``."""
        stride = f", /{self.s}" if self.s > 1 else ""
        return f"Fused-MBConv{self.t:g} k{self.k} c{self.c} x{self.n}{stride}"


class VitEncoder(NamedTuple):
    """A ViT encoder on a patch embedding (torchvision's ``VisionTransformer``).

    The input ``(D, h, w)`` (the patch convolution's output) becomes ``N = h * w + 1``
    tokens with a class token and learned position embeddings (``D`` and ``N * D``
    parameters: the embeddings are sized to the input, as torchvision builds the model for
    its ``image_size``). Each of ``layers`` blocks: LayerNorm, multi-head self-attention
    (a ``D -> 3D`` projection, ``Q K^T`` and ``weights x V`` products of ``N * N * D`` MACs
    each, a ``D -> D`` projection, all with bias), LayerNorm, MLP ``D -> mlp -> D`` with
    bias; then a final LayerNorm. The output is the class token, ``(D, 1, 1)``.
    """

    layers: int
    heads: int
    mlp: int

    def apply(self, run: _Shaper) -> None:
        """Add the encoder's cost to ``run``."""
        d, h, w = run.shape
        if d % self.heads:
            raise ImagenetError(f"{run.where}: {d} channels do not split into {self.heads} heads")
        n = h * w + 1
        prefix = run.prefix
        run.shape = (d, n, 1)
        run.params += d + n * d
        run._log("embeddings", "embedding", None, None, None, d + n * d, 0)
        for index in range(self.layers):
            run.prefix = f"{prefix}.{index}"
            run.norm(part="ln_1")
            run.tokens(3 * d, True, "attention.in_proj")
            run.shape = (d, n, 1)
            run.matmul(n * n * d, "attention.q_k")
            run.matmul(n * n * d, "attention.weights_v")
            run.tokens(d, True, "attention.out_proj")
            run.norm(part="ln_2")
            run.tokens(self.mlp, True, "mlp.fc1")
            run.tokens(d, True, "mlp.fc2")
        run.prefix = prefix
        run.norm(part="ln")
        run.shape = (d, 1, 1)  # the class token

    def describe(self) -> str:
        """A short label: ``encoder x12, 12 heads, MLP 3072``."""
        return f"encoder x{self.layers}, {self.heads} heads, MLP {self.mlp}"


class SwinBlocks(NamedTuple):
    """A Swin Transformer stage of ``blocks`` blocks at the input's width (torchvision).

    Each block: LayerNorm; window attention in ``window`` x ``window`` windows (the map
    padded to whole windows; a ``C -> 3C`` projection with bias on every padded token,
    ``Q K^T`` and ``weights x V`` of ``tokens * window^2 * C`` MACs each, a ``C -> C``
    projection with bias); LayerNorm; MLP ``C -> 4C -> C`` with bias. V1 (``v2`` false)
    learns a relative position bias table of ``(2 window - 1)^2 * heads``; V2 learns a
    per-head logit scale and a position-bias MLP ``2 -> 512 -> heads`` run on the
    ``(2 window - 1)^2`` relative coordinates (counted as linear layers). Shifting and
    masks cost nothing.
    """

    blocks: int
    heads: int
    window: int
    v2: bool = False

    def apply(self, run: _Shaper) -> None:
        """Add the stage's cost to ``run``."""
        c, h, w = run.shape
        if c % self.heads:
            raise ImagenetError(f"{run.where}: {c} channels do not split into {self.heads} heads")
        win = self.window
        padded = -(-h // win) * win * (-(-w // win) * win)
        table = (2 * win - 1) ** 2
        prefix = run.prefix
        for index in range(self.blocks):
            run.prefix = f"{prefix}.{index}"
            run.norm(part="norm1")
            run.tokens(3 * c, True, "attn.qkv", count=padded)
            run.shape = (c, h, w)
            if self.v2:
                run.params += self.heads
                run._log("attn.logit_scale", "parameter", None, None, None, self.heads, 0)
                cpb = (2 * 512 + 512) + 512 * self.heads
                run.params += cpb
                run.macs += table * 2 * 512 + table * 512 * self.heads
                run._log(
                    "attn.cpb_mlp", "linear", None, None, None, cpb,
                    table * 2 * 512 + table * 512 * self.heads,
                )  # fmt: skip
            else:
                run.params += table * self.heads
                run._log(
                    "attn.bias_table", "parameter", None, None, None,
                    table * self.heads, 0,
                )  # fmt: skip
            run.matmul(padded * win * win * c, "attn.q_k")
            run.matmul(padded * win * win * c, "attn.weights_v")
            run.tokens(c, True, "attn.proj", count=padded)
            run.norm(part="norm2")
            run.tokens(4 * c, True, "mlp.fc1")
            run.tokens(c, True, "mlp.fc2")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``Swin block x2, 3 heads, window 7``."""
        version = "Swin V2" if self.v2 else "Swin"
        return f"{version} block x{self.blocks}, {self.heads} heads, window {self.window}"


class MaxVitBlocks(NamedTuple):
    """A MaxViT stage: ``layers`` MaxViT layers to ``out`` channels (``MaxVitBlock``).

    Each layer (``MaxVitLayer``): an MBConv (BatchNorm on its input; a 1x1 convolution to
    ``4 out`` with BatchNorm; a 3x3 depthwise convolution, stride 2 in the first layer,
    with BatchNorm; squeeze-and-excitation to ``out // 4`` channels, two 1x1 convolutions
    with bias on the pooled map; a 1x1 convolution to ``out`` with bias; a shortcut of
    3x3/2 average pooling and a 1x1 convolution with bias when the stride or the width
    changes), then block ("window") and grid attention, each: LayerNorm, a ``C -> 3C``
    projection with bias, ``Q K^T`` and ``weights x V`` of ``H W * partition^2 * C`` MACs
    each (every token attends to the ``partition^2`` tokens of its window or grid cell),
    a relative position bias table of ``(2 partition - 1)^2 * heads``, a ``C -> C``
    projection with bias; LayerNorm and an MLP ``C -> 4C -> C`` with bias. Heads:
    ``C / head_dim``. torchvision requires each stage's map to be a multiple of the
    partition size.
    """

    out: int
    layers: int
    head_dim: int = 32
    partition: int = 7

    def apply(self, run: _Shaper) -> None:
        """Add the stage's cost to ``run``."""
        prefix = run.prefix
        out, part = self.out, self.partition
        if out % self.head_dim:
            raise ImagenetError(
                f"{run.where}: {out} channels do not split into heads of {self.head_dim}"
            )
        for index in range(self.layers):
            run.prefix = f"{prefix}.{index}"
            stride = 2 if index == 0 else 1
            start = run.shape
            run.norm(part="mbconv.pre_norm", kind="batch norm")
            mid = 4 * out
            run.conv(mid, 1, bn=True, part="mbconv.conv_a")
            run.conv(mid, 3, stride, 1, groups=mid, bn=True, part="mbconv.conv_b")
            body = run.shape
            run.adaptive_pool(1, part="mbconv.se.avgpool")
            run.conv(out // 4, 1, bias=True, part="mbconv.se.fc1")
            run.conv(mid, 1, bias=True, part="mbconv.se.fc2")
            run.shape = body
            run.conv(out, 1, bias=True, part="mbconv.conv_c")
            if stride != 1 or start[0] != out:  # the shortcut's projection
                main, run.shape = run.shape, start
                if stride == 2:
                    run.pool(3, 2, 1, False, "avg", part="mbconv.proj.pool")
                run.conv(out, 1, bias=True, part="mbconv.proj.conv")
                run.shape = main
            c, h, w = run.shape
            if h % part or w % part:
                raise ImagenetError(
                    f"the input size does not fit {run.where}: its {h}x{w} map is not a "
                    f"multiple of the {part}x{part} partition"
                )
            heads = c // self.head_dim
            table = (2 * part - 1) ** 2 * heads
            for kind in ("window", "grid"):
                run.norm(part=f"{kind}.norm1")
                run.tokens(3 * c, True, f"{kind}.qkv")
                run.shape = (c, h, w)
                run.params += table
                run._log(f"{kind}.bias_table", "parameter", None, None, None, table, 0)
                run.matmul(h * w * part * part * c, f"{kind}.q_k")
                run.matmul(h * w * part * part * c, f"{kind}.weights_v")
                run.tokens(c, True, f"{kind}.merge")
                run.norm(part=f"{kind}.norm2")
                run.tokens(4 * c, True, f"{kind}.mlp.fc1")
                run.tokens(c, True, f"{kind}.mlp.fc2")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``MaxViT layer x2, 64 ch, /2``."""
        return f"MaxViT layer x{self.layers}, {self.out} ch, /2"


class DarknetBlocks(NamedTuple):
    """Darknet-53's residual blocks at the input's width ``C`` (``[shortcut]`` in the cfg).

    Each: a 1x1 convolution to ``C / 2`` and a 3x3 convolution (padding 1) back to ``C``,
    both with BatchNorm and leaky ReLU (Darknet's batch-normalized convolution holds a
    weight tensor, a bias and a scale per filter: the same count as a bias-free convolution
    with BatchNorm), and the block's input added to its output (no parameters, no MACs).
    """

    blocks: int

    def apply(self, run: _Shaper) -> None:
        """Add the blocks' cost to ``run``."""
        prefix = run.prefix
        channels = run.shape[0]
        if channels % 2:
            raise ImagenetError(f"{run.where}: a Darknet block needs an even channel count")
        for index in range(self.blocks):
            run.prefix = f"{prefix}.{index}"
            run.conv(channels // 2, 1, bn=True, part="conv1")
            run.conv(channels, 3, 1, 1, bn=True, part="conv2")
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``[1x1, 3x3] residual x8``."""
        return f"[1x1, 3x3] residual x{self.blocks}"


class PatchMerging(NamedTuple):
    """Swin's patch merging: 2x2 neighbours concatenated (4C), LayerNorm, linear to 2C.

    V1 normalises the 4C concatenation before the linear layer; V2 normalises its 2C
    output. The linear layer has no bias. Odd maps are padded to even first.
    """

    v2: bool = False

    def apply(self, run: _Shaper) -> None:
        """Add the merging's cost to ``run``."""
        c, h, w = run.shape
        oh, ow = -(-h // 2), -(-w // 2)
        run.shape = (4 * c, oh, ow)
        if not self.v2:
            run.norm(part="norm")
        run.tokens(2 * c, False, "reduction")
        if self.v2:
            run.norm(part="norm")

    def describe(self) -> str:
        """A short label: ``patch merging``."""
        return "patch merging" + (" (V2)" if self.v2 else "")


class RegNetStage(NamedTuple):
    """A RegNet stage (torchvision's ``AnyStage`` of ``ResBottleneckBlock``).

    ``depth`` blocks to ``width`` channels, the first with stride ``stride`` and a 1x1
    projection shortcut (with BatchNorm) when the stride or the width changes. Each block:
    a 1x1 convolution to ``w_b = round(width * bottleneck)``, a 3x3 convolution in
    ``w_b // group_width`` groups, squeeze-and-excitation to ``round(se_ratio * input
    width)`` channels when ``se_ratio`` (RegNetY), a 1x1 convolution to ``width``;
    convolutions without bias, with BatchNorm (SE's with bias, without).
    """

    width: int
    depth: int
    group_width: int
    se_ratio: float | None = None
    stride: int = 2
    bottleneck: float = 1.0

    def apply(self, run: _Shaper) -> None:
        """Add the stage's cost to ``run``."""
        prefix = run.prefix
        for index in range(self.depth):
            run.prefix = f"{prefix}.{index}"
            start = run.shape
            inp = start[0]
            stride = self.stride if index == 0 else 1
            w_b = round(self.width * self.bottleneck)
            run.conv(w_b, 1, bn=True, part="a")
            run.conv(w_b, 3, stride, 1, w_b // self.group_width, bn=True, part="b")
            if self.se_ratio:
                body = run.shape
                run.adaptive_pool(1, part="se.avgpool")
                run.conv(round(self.se_ratio * inp), 1, bias=True, part="se.fc1")
                run.conv(w_b, 1, bias=True, part="se.fc2")
                run.shape = body
            run.conv(self.width, 1, bn=True, part="c")
            if inp != self.width or stride != 1:
                body = run.shape
                run.shape = start
                run.conv(self.width, 1, stride, bn=True, part="proj")
                run.shape = body
        run.prefix = prefix

    def describe(self) -> str:
        """A short label: ``RegNet 224 x4, g8, SE, /2``."""
        parts = [f"RegNet {self.width} x{self.depth}", f"g{self.group_width}"]
        parts += ["SE"] if self.se_ratio else []
        return ", ".join(parts) + (f", /{self.stride}" if self.stride > 1 else "")


class Branches(NamedTuple):
    """Parallel branches on the same input, concatenated along channels (Inception-v3's blocks).

    Each branch is a list of layers; all must end at the same height and width.
    """

    branches: tuple[tuple[Layer, ...], ...]

    def apply(self, run: _Shaper) -> None:
        """Add every branch's cost to ``run``; the output stacks their channels."""
        start = run.shape
        prefix = run.prefix
        outputs = []
        for number, branch in enumerate(self.branches):
            run.shape = start
            for index, layer in enumerate(branch):
                run.prefix = f"{prefix}.branch{number}.{index}"
                layer.apply(run)
            outputs.append(run.shape)
        run.prefix = prefix
        if len({shape[1:] for shape in outputs}) != 1:
            raise ImagenetError(f"{run.where}: branches end at different sizes {outputs}")
        run.shape = (sum(shape[0] for shape in outputs), outputs[0][1], outputs[0][2])

    def describe(self) -> str:
        """A short label: ``4 branches (64, 64, 96, 32)``."""
        return f"{len(self.branches)} branches"


class TrainingOnly(NamedTuple):
    """Layers that hold parameters but run only in training (Inception-v3's aux classifier).

    Their parameters count (torchvision's ``num_params`` includes them); their MACs do not,
    since an evaluation forward pass skips them; the main path's shape is unchanged.
    """

    layers: tuple[Layer, ...]

    def apply(self, run: _Shaper) -> None:
        """Add the layers' parameters, not their MACs, to ``run``."""
        start, params, macs, logged = run.shape, run.params, run.macs, len(run.layers)
        prefix = run.prefix
        kind = "training only"
        try:
            self._run(run, prefix)
        except ImagenetError:
            # Too small a map for the branch: evaluation never runs it, and its parameters
            # do not depend on the map's size, so count them on a nominal 64x64 map.
            run.params, run.layers[logged:] = params, []
            run.shape = (start[0], 64, 64)
            self._run(run, prefix)
            kind = "training only, not run at this size"
        run.prefix = prefix
        run.macs = macs
        run.layers[logged:] = [
            entry._replace(kind=f"{entry.kind} ({kind})", macs=0) for entry in run.layers[logged:]
        ]
        run.shape = start

    def _run(self, run: _Shaper, prefix: str) -> None:
        for index, layer in enumerate(self.layers):
            run.prefix = f"{prefix}.aux.{index}"
            layer.apply(run)

    def describe(self) -> str:
        """A short label: ``aux classifier (training only)``."""
        return "aux classifier (training only)"


Layer = (
    Conv
    | Pool
    | AdaptiveAvgPool
    | LocalResponseNorm
    | Linear
    | ResidualBlocks
    | DepthwiseSeparable
    | InvertedResidual
    | Bneck
    | Fire
    | ShuffleUnits
    | LayerNorm
    | ConvNeXtBlocks
    | BatchNorm
    | DenseBlock
    | Transition
    | InceptionModule
    | MBConvBlocks
    | FusedMBConvBlocks
    | VitEncoder
    | SwinBlocks
    | PatchMerging
    | MaxVitBlocks
    | DarknetBlocks
    | RegNetStage
    | Branches
    | TrainingOnly
)


class Stage(NamedTuple):
    """A named run of layers: one row of a per-stage table (ResNet's ``conv2_x`` ...)."""

    name: str
    layers: tuple[Layer, ...]

    def describe(self) -> str:
        """The layers' labels, joined with ``; `` (a repeated layer shows ``x N``)."""
        labels: list[str] = []
        counts: list[int] = []
        for layer in self.layers:
            label = layer.describe()
            if labels and labels[-1] == label:
                counts[-1] += 1
            else:
                labels.append(label)
                counts.append(1)
        pairs = zip(labels, counts, strict=True)
        return "; ".join(f"{label} x{n}" if n > 1 else label for label, n in pairs)


class NetworkSpec(NamedTuple):
    """One variant's layer spec, read from ``data/architectures/layers/<family>.json``.

    Attributes:
        id: the variant id (``resnet50``); ``family``: the file's family id.
        input_size: the side of the square input the source uses (224; 227 for the 2012
            AlexNet).
        source: where the layers were read.
    """

    id: str
    family: str
    name: str
    input_size: int
    source: str
    stages: tuple[Stage, ...]


class StageCost(NamedTuple):
    """One stage's output shape ``(C, H, W)``, parameters and MACs, for one image."""

    name: str
    description: str
    output_shape: Shape
    params: int
    macs: int


class NetworkCost(NamedTuple):
    """A variant's cost at one input size: per stage, and in total.

    Attributes:
        input_shape: ``(3, H, W)``.
        params: learnable parameters (equal to torchvision's ``num_params``).
        macs: multiply-accumulates of convolutions and linear layers (torchvision's
            ``_ops`` times 1e9; see the module docstring).
    """

    spec: NetworkSpec
    input_shape: Shape
    stages: tuple[StageCost, ...]
    layers: tuple[LayerCost, ...] = ()  # per layer, when asked for (``detail=True``)

    @property
    def params(self) -> int:
        """Total learnable parameters."""
        return sum(stage.params for stage in self.stages)

    @property
    def macs(self) -> int:
        """Total multiply-accumulates for one image."""
        return sum(stage.macs for stage in self.stages)

    @property
    def output_shape(self) -> Shape:
        """The last stage's output ``(C, H, W)``: ``(1000, 1, 1)`` for the classifiers."""
        return self.stages[-1].output_shape if self.stages else self.input_shape


# --- parsing ----------------------------------------------------------------------------

_FIELDS: dict[str, tuple[set[str], set[str]]] = {  # op: (required, optional) keys
    "conv": ({"out", "kernel"}, {"stride", "padding", "groups", "bias", "bn", "act"}),
    "max_pool": ({"kernel"}, {"stride", "padding", "ceil_mode"}),
    "avg_pool": ({"kernel"}, {"stride", "padding", "ceil_mode"}),
    "adaptive_avg_pool": ({"size"}, set()),
    "lrn": ({"size"}, set()),
    "linear": ({"out"}, {"in", "bias", "act"}),
    "basic": ({"out", "blocks"}, {"stride"}),
    "bottleneck": ({"width", "out", "blocks"}, {"stride", "stride_on", "groups"}),
    "dw_separable": ({"out"}, {"stride"}),
    "inverted_residual": ({"t", "c", "n", "s"}, {"k"}),
    "bneck": ({"kernel", "exp", "out", "se", "nl", "stride"}, set()),
    "fire": ({"squeeze", "e1", "e3"}, set()),
    "shuffle_units": ({"out", "blocks"}, set()),
    "layer_norm": (set(), set()),
    "convnext_blocks": ({"blocks"}, set()),
    "batch_norm": (set(), set()),
    "dense_block": ({"layers", "growth"}, {"bn_size"}),
    "transition": (set(), set()),
    "inception": ({"c1", "c3r", "c3", "c5r", "c5", "pool"}, {"k5"}),
    "mbconv": ({"t", "k", "s", "c", "n"}, set()),
    "fused_mbconv": ({"t", "k", "s", "c", "n"}, set()),
    "vit_encoder": ({"layers", "heads", "mlp"}, set()),
    "swin_blocks": ({"blocks", "heads", "window"}, {"v2"}),
    "patch_merging": (set(), {"v2"}),
    "maxvit_blocks": ({"out", "layers"}, {"head_dim", "partition"}),
    "darknet_blocks": ({"blocks"}, set()),
    "regnet_stage": ({"width", "depth", "group_width"}, {"se_ratio", "stride", "bottleneck"}),
    "branches": ({"branches"}, set()),
    "training_only": ({"layers"}, set()),
}


def _pair(value: Any, where: str) -> int | tuple[int, int]:
    """A size given as an int or as ``[height, width]`` (a rectangular kernel or padding)."""
    if isinstance(value, list):
        if len(value) != 2 or not all(isinstance(v, int) for v in value):
            raise ImagenetError(f"{where}: a kernel or padding is an int or [height, width]")
        return (value[0], value[1])
    if not isinstance(value, int):
        raise ImagenetError(f"{where}: a kernel or padding is an int or [height, width]")
    return value


def _layer(raw: dict[str, Any], where: str) -> Layer:
    op = raw.get("op")
    if op not in _FIELDS:
        raise ImagenetError(f"{where}: unknown layer op {op!r}")
    required, optional = _FIELDS[op]
    keys = set(raw) - {"op", "repeat"}
    if not required <= keys or not keys <= required | optional:
        raise ImagenetError(f"{where}: a {op} layer needs {sorted(required)}, got {sorted(keys)}")
    act = raw.get("act")
    if act is not None and act not in ACTIVATIONS:
        raise ImagenetError(f"{where}: unknown activation {act!r}")
    if op == "conv":
        return Conv(
            raw["out"],
            _pair(raw["kernel"], where),
            raw.get("stride", 1),
            _pair(raw.get("padding", 0), where),
            raw.get("groups", 1),
            raw.get("bias", True),
            raw.get("bn", False),
            act,
        )
    if op in ("max_pool", "avg_pool"):
        kernel = raw["kernel"]
        return Pool(
            op.split("_")[0],
            kernel,
            raw.get("stride", kernel),
            raw.get("padding", 0),
            raw.get("ceil_mode", False),
        )
    if op == "adaptive_avg_pool":
        return AdaptiveAvgPool(raw["size"])
    if op == "lrn":
        return LocalResponseNorm(raw["size"])
    if op == "linear":
        return Linear(raw["out"], raw.get("in"), raw.get("bias", True), act)
    if op in ("basic", "bottleneck"):
        stride_on = raw.get("stride_on", "3x3")
        if stride_on not in ("1x1", "3x3"):
            raise ImagenetError(f"{where}: stride_on must be '1x1' or '3x3'")
        return ResidualBlocks(
            op,
            raw["out"],
            raw["blocks"],
            raw.get("stride", 1),
            raw.get("width"),
            stride_on,
            raw.get("groups", 1),
        )
    if op == "dw_separable":
        return DepthwiseSeparable(raw["out"], raw.get("stride", 1))
    if op == "inverted_residual":
        return InvertedResidual(raw["t"], raw["c"], raw["n"], raw["s"], raw.get("k", 3))
    if op == "fire":
        return Fire(raw["squeeze"], raw["e1"], raw["e3"])
    if op == "branches":
        return Branches(
            tuple(
                tuple(_layer(layer, f"{where}, branch {n}") for layer in branch)
                for n, branch in enumerate(raw["branches"])
            )
        )
    if op == "training_only":
        return TrainingOnly(tuple(_layer(layer, f"{where}, aux") for layer in raw["layers"]))
    if op == "regnet_stage":
        return RegNetStage(
            raw["width"],
            raw["depth"],
            raw["group_width"],
            raw.get("se_ratio"),
            raw.get("stride", 2),
            raw.get("bottleneck", 1.0),
        )
    if op == "swin_blocks":
        return SwinBlocks(raw["blocks"], raw["heads"], raw["window"], raw.get("v2", False))
    if op == "patch_merging":
        return PatchMerging(raw.get("v2", False))
    if op == "darknet_blocks":
        return DarknetBlocks(raw["blocks"])
    if op == "maxvit_blocks":
        return MaxVitBlocks(
            raw["out"], raw["layers"], raw.get("head_dim", 32), raw.get("partition", 7)
        )
    if op == "vit_encoder":
        return VitEncoder(raw["layers"], raw["heads"], raw["mlp"])
    if op in ("mbconv", "fused_mbconv"):
        kind = MBConvBlocks if op == "mbconv" else FusedMBConvBlocks
        return kind(raw["t"], raw["k"], raw["s"], raw["c"], raw["n"])
    if op == "inception":
        return InceptionModule(
            raw["c1"], raw["c3r"], raw["c3"], raw["c5r"], raw["c5"], raw["pool"], raw.get("k5", 5)
        )
    if op == "batch_norm":
        return BatchNorm()
    if op == "dense_block":
        return DenseBlock(raw["layers"], raw["growth"], raw.get("bn_size", 4))
    if op == "transition":
        return Transition()
    if op == "layer_norm":
        return LayerNorm()
    if op == "convnext_blocks":
        return ConvNeXtBlocks(raw["blocks"])
    if op == "shuffle_units":
        if raw["out"] % 2:
            raise ImagenetError(f"{where}: a shuffle unit needs an even channel count")
        return ShuffleUnits(raw["out"], raw["blocks"])
    if raw["nl"] not in ("RE", "HS"):
        raise ImagenetError(f"{where}: nl must be 'RE' or 'HS'")
    return Bneck(raw["kernel"], raw["exp"], raw["out"], raw["se"], raw["nl"], raw["stride"])


def _spec(family: str, variant: str, raw: dict[str, Any]) -> NetworkSpec:
    stages = []
    for stage in raw["stages"]:
        layers: list[Layer] = []
        for number, layer in enumerate(stage["layers"], 1):
            where = f"{LAYERS_DIR}/{family}.json, {variant}, {stage['name']}, layer {number}"
            layers.extend([_layer(layer, where)] * layer.get("repeat", 1))
        stages.append(Stage(stage["name"], tuple(layers)))
    return NetworkSpec(
        variant, family, raw["name"], raw["input_size"], raw["source"], tuple(stages)
    )


@cache
def layer_families() -> tuple[str, ...]:
    """The families that have a layer spec file, sorted (``alexnet``, ``mobilenet`` ...)."""
    folder = data_root().joinpath(*LAYERS_DIR.split("/"))
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def load_family(family: str) -> tuple[NetworkSpec, ...]:
    """Every variant spec of one family, in file order.

    Raises:
        NotFoundError: no spec file for ``family``.
        DataMissingError: the file is listed but cannot be read.
        ImagenetError: the file holds a malformed layer.
    """
    if family not in layer_families():
        raise NotFoundError("layer spec family", family, layer_families())
    raw = load_json(f"{LAYERS_DIR}/{family}.json")
    return tuple(_spec(raw["family"], vid, v) for vid, v in raw["variants"].items())


@cache
def spec_ids() -> frozenset[str]:
    """Ids of every variant that has a layer spec (``resnet50``, ``alexnet_paper`` ...)."""
    return frozenset(
        variant
        for family in layer_families()
        for variant in load_json(f"{LAYERS_DIR}/{family}.json")["variants"]
    )


def list_specs() -> tuple[NetworkSpec, ...]:
    """Every variant spec of every family."""
    return tuple(spec for family in layer_families() for spec in load_family(family))


def get_spec(variant: str) -> NetworkSpec:
    """The spec of one variant, by id (``resnet50``, ``mobilenet_v3_small``; case ignored).

    Raises:
        NotFoundError: no family has that variant (suggests the closest ids).
    """
    specs = list_specs()
    wanted = variant.strip().lower()
    for spec in specs:
        if spec.id == wanted:
            return spec
    raise NotFoundError("layer spec variant", variant, [s.id for s in specs])


# --- costs ------------------------------------------------------------------------------


def _input_shape(input_size: int | tuple[int, int]) -> Shape:
    sides = input_size if isinstance(input_size, tuple) else (input_size, input_size)
    if len(sides) != 2 or any(isinstance(s, bool) or not isinstance(s, int) for s in sides):
        raise ImagenetError(f"the input size must be a whole number of pixels, not {input_size!r}")
    if min(sides) < 1:
        raise ImagenetError(f"the input size must be at least 1 pixel, not {input_size!r}")
    return (3, sides[0], sides[1])


def compute_costs(
    variant: str, input_size: int | tuple[int, int] | None = None, detail: bool = False
) -> NetworkCost:
    """Per-stage output shapes, params and MACs of a variant for one RGB image.

    Args:
        variant: a variant id (``resnet50``); see :func:`list_specs`.
        input_size: the image side in pixels, or ``(height, width)``; by default the
            spec's ``input_size``.
        detail: also list every layer (``NetworkCost.layers``).

    Returns:
        The cost per stage and in total; params and MACs follow the conventions of the
        module docstring (MACs as torchvision's ``_ops``).

    Raises:
        NotFoundError: unknown variant.
        ImagenetError: the input size is not a positive whole number, is too small for the
            network (some layer would get an empty map), or gives a flattened size that a
            fixed fully-connected layer cannot take (the 2012 AlexNet at 224).
    """
    return spec_costs(get_spec(variant), input_size, detail)


def family_specs(family: str) -> dict[str, NetworkSpec]:
    """``{variant id: spec}`` of one family; empty when the family has no spec file.

    Reads only that family's file (``arch resnet`` need not parse the others).
    """
    if family not in layer_families():
        return {}
    return {spec.id: spec for spec in load_family(family)}


def spec_costs(
    spec: NetworkSpec,
    input_size: int | tuple[int, int] | None = None,
    detail: bool = False,
) -> NetworkCost:
    """:func:`compute_costs` for a spec already loaded (same arguments, result and errors).

    With ``detail``, the result's ``layers`` lists every layer (:class:`LayerCost`).
    """
    shape = _input_shape(spec.input_size if input_size is None else input_size)
    stages = []
    layers: list[LayerCost] = []
    current = shape
    for stage in spec.stages:
        run = _Shaper(current, f"{spec.name} (stage {stage.name})", record=detail)
        for index, layer in enumerate(stage.layers):
            run.prefix = f"{stage.name}.{index}" if len(stage.layers) > 1 else stage.name
            layer.apply(run)
        stages.append(StageCost(stage.name, stage.describe(), run.shape, run.params, run.macs))
        layers.extend(run.layers)
        current = run.shape
    return NetworkCost(spec, shape, tuple(stages), tuple(layers))


class TracedLayer(NamedTuple):
    """One layer of a spec: the stage it sits in, its input and output ``(C, H, W)``, and
    its params and MACs for one image (the conventions of the module docstring)."""

    stage: str
    layer: Layer
    input_shape: Shape
    output_shape: Shape
    params: int
    macs: int


def layer_cost(layer: Layer, input_shape: Shape, where: str = "a layer") -> TracedLayer:
    """What one layer costs on an input of ``input_shape`` ``(C, H, W)``.

    Lets a figure compare layers that no spec holds (a standard convolution in place of
    MobileNet's depthwise separable pair) with the same arithmetic as :func:`spec_costs`.

    Raises:
        ImagenetError: the input is too small for the layer, or does not fit it.
    """
    run = _Shaper(input_shape, where)
    layer.apply(run)
    return TracedLayer("", layer, input_shape, run.shape, run.params, run.macs)


def layer_trace(
    spec: NetworkSpec, input_size: int | tuple[int, int] | None = None
) -> tuple[TracedLayer, ...]:
    """Every layer of ``spec`` in order, with its shapes and cost (a compact block such as
    a ResNet row counts as one layer). Same arguments and errors as :func:`spec_costs`."""
    shape = _input_shape(spec.input_size if input_size is None else input_size)
    found = []
    for stage in spec.stages:
        for layer in stage.layers:
            cost = layer_cost(layer, shape, f"{spec.name} (stage {stage.name})")
            found.append(cost._replace(stage=stage.name))
            shape = cost.output_shape
    return tuple(found)
