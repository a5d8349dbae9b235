"""Builds the tiny TorchScript fixtures of deocc-engine-djl's model tests, with their model cards.

Run from the repository root with Debian's PyTorch (python3-torch, torch 1.13):

    /usr/bin/python3 deocc-engine-djl/src/test/resources/io/deocc/engine/djl/model/torchscript/make_models.py

It writes, next to itself, three TorchScript files and one card each:
  mask.pt       4 channels in (RGB + visible mask) -> 1 channel out (amodal logits)
  content.pt    5 channels in -> 3 channels out in [-1, 1] (tanh)
  mismatch.pt   4 channels in -> 2 channels out, while its card declares 1 (for the error test)
and prints, for a fixed input, the output values that TorchScriptModelFilesTest compares against.

Weights come from a closed formula rather than a random generator, so the recipe gives the same
numbers on any PyTorch version; torch.manual_seed is still fixed for anything else that draws.
"""
import hashlib
import json
import math
import os
import sys

# TorchScript writes a module's constants in set order, which follows Python's per-run string hashing:
# a fixed hash seed makes the saved bytes, and so the cards' SHA-256, repeat from run to run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

import torch  # noqa: E402 (after the re-exec above)
from torch import nn  # noqa: E402

SIZE = 16  # the cards' input-size: probes and test inputs are SIZE x SIZE
HERE = os.path.dirname(os.path.abspath(__file__))


def fill_deterministically(module, salt):
    """Sets every parameter to a scaled sine of its element index, offset per parameter."""
    with torch.no_grad():
        for index, (_, parameter) in enumerate(sorted(module.named_parameters())):
            count = parameter.numel()
            fan_in = max(1, count // parameter.shape[0]) if parameter.dim() > 1 else 4
            k = torch.arange(count, dtype=torch.float64)
            values = torch.sin(1.3 * k + 0.7 * index + salt) / math.sqrt(fan_in)
            parameter.copy_(values.reshape(parameter.shape).to(torch.float32))


class MaskNet(nn.Module):
    """Two 3x3 convolutions with a ReLU between them."""

    def __init__(self, outputs):
        super().__init__()
        self.first = nn.Conv2d(4, 8, 3, padding=1)
        self.second = nn.Conv2d(8, outputs, 3, padding=1)

    def forward(self, x):
        return self.second(torch.relu(self.first(x)))


class ContentNet(nn.Module):
    """Two 3x3 convolutions, the output squashed into [-1, 1]."""

    def __init__(self):
        super().__init__()
        self.first = nn.Conv2d(5, 8, 3, padding=1)
        self.second = nn.Conv2d(8, 3, 3, padding=1)

    def forward(self, x):
        return torch.tanh(self.second(torch.relu(self.first(x))))


def test_input(channels):
    """The tests' fixed input: element i of the flat 1 x C x SIZE x SIZE tensor is (i * 37 mod 101) / 100."""
    count = channels * SIZE * SIZE
    values = [(i * 37 % 101) / 100.0 for i in range(count)]
    return torch.tensor(values, dtype=torch.float32).reshape(1, channels, SIZE, SIZE)


def sha256(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def write_card(name, stage, classes, inputs, outputs, note):
    weights = name + ".pt"
    card = {
        "format-version": 1,
        "stage": stage,
        "backbone": "torchscript",
        "spec": {"input-channels": inputs[0][1], "output-channels": outputs[0][1], "depth": 1, "width": 1},
        "input-size": SIZE,
        "classes": classes,
        "normalisation": "unit",
        "signature": {
            "inputs": [{"name": n, "channels": c} for n, c in inputs],
            "outputs": [{"name": n, "channels": c} for n, c in outputs],
        },
        "training-recipe": {"note": note, "recipe": "make_models.py"},
        "bench-metrics": {},
        "weights-file": weights,
        "weights-sha256": sha256(os.path.join(HERE, weights)),
        "created-by": "make_models.py, torch " + torch.__version__,
    }
    with open(os.path.join(HERE, name + ".card.json"), "w", encoding="utf-8") as file:
        json.dump(card, file, indent=2)
        file.write("\n")


def save(name, network, salt):
    torch.manual_seed(salt)
    fill_deterministically(network, salt)
    network.eval()
    scripted = torch.jit.script(network)
    scripted.save(os.path.join(HERE, name + ".pt"))
    return scripted


def report(name, scripted, channels, indices):
    with torch.no_grad():
        output = scripted(test_input(channels)).reshape(-1)
    print(name, "output shape", tuple(scripted(test_input(channels)).shape))
    print(name, "sum", repr(float(output.double().sum())))
    for i in indices:
        print(name, "[%d]" % i, repr(float(output[i])))


def main():
    mask = save("mask", MaskNet(1), 1.0)
    write_card("mask", "mask-completion", 2, [("image_and_visible", 4)], [("amodal_logits", 1)],
               "fixture: weights from a sine formula, not trained")
    content = save("content", ContentNet(), 2.0)
    write_card("content", "content-recovery", 3, [("image_and_masks", 5)], [("rgb", 3)],
               "fixture: weights from a sine formula, not trained")
    save("mismatch", MaskNet(2), 3.0)
    write_card("mismatch", "mask-completion", 2, [("image_and_visible", 4)], [("amodal_logits", 1)],
               "fixture: the model returns 2 channels although this card declares 1")
    report("mask", mask, 4, [0, 1, 17, 100, 255])
    report("content", content, 5, [0, 130, 383, 500, 767])


if __name__ == "__main__":
    main()
