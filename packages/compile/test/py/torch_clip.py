"""Test harness: axon_runtime.clip_gradients on hand-set gradients; prints the clipped gradients as JSON."""
import json
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402

import axon_runtime as rt  # noqa: E402

spec = json.loads(sys.argv[2])
a = torch.nn.Parameter(torch.zeros(2))
b = torch.nn.Parameter(torch.zeros(3))
a.grad = torch.tensor([3.0, 4.0])  # L2 norm 5
b.grad = torch.tensor([0.1, -2.0, 0.2])
rt.clip_gradients(spec, [a, b])
print(json.dumps({"a": a.grad.tolist(), "b": b.grad.tolist()}))
