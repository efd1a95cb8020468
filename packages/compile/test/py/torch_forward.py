"""Test harness: loads a compiled PyTorch folder, runs the forward pass on float32 samples, prints JSON."""
import json
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402

import axon_runtime  # noqa: E402
import model  # noqa: E402

n = int(sys.argv[3])
with open(sys.argv[2], "rb") as f:
    x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(n, -1)
net = model.build_model()
net.eval()
with torch.no_grad():
    out = net(x)
trainable, non_trainable = axon_runtime.count_params(net)
print(json.dumps({"shape": list(out.shape), "out": out.reshape(-1).tolist(), "trainable": trainable, "nonTrainable": non_trainable, "modules": [type(m).__name__ for m in net.layers]}))
