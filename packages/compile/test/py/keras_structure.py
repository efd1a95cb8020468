"""Test harness: imports a generated Keras file against the recording stub and prints its structure as JSON."""
import importlib.util
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_stub"))
spec = importlib.util.spec_from_file_location("generated", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
model = mod.compile_model(mod.build_model())
print(json.dumps({"model": model.describe(), "config": mod.CONFIG, "dataPath": mod.DATA_PATH}))
