"""Test harness: loads the data{} CSV with the generated PyTorch loader and prints the split as JSON."""
import json
import os
import sys

sys.path.insert(0, sys.argv[1])
import axon_runtime as rt  # noqa: E402
import model  # noqa: E402

cfg = model.CONFIG
d = rt.load_csv(os.path.join(sys.argv[1], model.DATA_PATH), cfg["data"], cfg["task"], cfg["input"], cfg["train"]["seed"], None)
vx, vy = d["validation"]
tx, ty = d["train"]
print(json.dumps({
    "trainN": tx.shape[0], "trainX": tx.reshape(-1).tolist(), "trainY": ty.reshape(-1).tolist(),
    "valN": vx.shape[0], "valX": vx.reshape(-1).tolist(), "valY": vy.reshape(-1).tolist(),
    "featureNames": d["featureNames"], "labelNames": d["labelNames"], "normalization": d["normalization"],
    "vocabulary": d["tokenizer"]["vocabulary"] if d["tokenizer"] else None,
}))
