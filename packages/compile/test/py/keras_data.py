"""Test harness: imports a generated Keras file (against the recording keras stub) and prints load_data() as JSON."""
import importlib.util
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_stub"))
spec = importlib.util.spec_from_file_location("generated", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
(tx, ty), val = mod.load_data()
vx, vy = val
print(json.dumps({"trainX": tx.reshape(-1).tolist(), "trainY": ty.reshape(-1).tolist(), "valX": vx.reshape(-1).tolist(), "valY": vy.reshape(-1).tolist(), "shape": list(tx.shape)}))
