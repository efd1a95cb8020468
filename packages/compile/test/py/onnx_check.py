"""Test harness: runs the official ONNX checker (full check, with shape inference) on a model file."""
import json
import sys

import onnx

model = onnx.load(sys.argv[1])
onnx.checker.check_model(model, full_check=True)
inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
out = inferred.graph.output[0].type.tensor_type.shape
print(json.dumps({
    "ir_version": model.ir_version,
    "opset": [o.version for o in model.opset_import if o.domain == ""][0],
    "output_dims": [d.dim_value if d.HasField("dim_value") else d.dim_param for d in out.dim],
    "ops": sorted(set(n.op_type for n in model.graph.node)),
    "metadata": {p.key: p.value for p in model.metadata_props},
}))
