"""Test harness: instantiates a compiled PyTorch folder's nn.Module (no weights) and prints its parameter counts as JSON.

trainable: every parameter with requires_grad (kernels, biases, batch-norm gamma and beta, PReLU slopes);
nonTrainable: the batch-norm running_mean and running_var buffers (num_batches_tracked is a counter,
not a parameter) — Keras's convention, which the analyzer follows.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402

import model  # noqa: E402

torch.manual_seed(0)
net = model.build_model(pretrained=False)
trainable = sum(p.numel() for p in net.parameters() if p.requires_grad)
frozen = sum(p.numel() for p in net.parameters() if not p.requires_grad)
running = sum(b.numel() for n, b in net.named_buffers() if n.endswith(".running_mean") or n.endswith(".running_var"))
kinds = {}
for m in net.layers:
    kinds[type(m).__name__] = kinds.get(type(m).__name__, 0) + 1
n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
shape = None
if n:
    net.eval()
    with torch.no_grad():
        shape = list(net(torch.zeros((n,) + tuple(model.Network.input_shape))).shape)
print(json.dumps({"trainable": trainable, "frozen": frozen, "running": running, "modules": kinds, "outputShape": shape}))
