"""A recording stand-in for Keras 3, for structural tests only (no Keras runtime is installable here).

Every constructor the generated code calls records its class name and arguments; nothing is computed.
"""
import sys
import types


class Recorded:
    kind = "object"

    def __init__(self, *args, **kwargs):
        self.args = list(args)
        self.kwargs = dict(kwargs)

    def describe(self):
        def plain(v):
            if isinstance(v, Recorded):
                return v.describe()
            if isinstance(v, (list, tuple)):
                return [plain(x) for x in v]
            if isinstance(v, dict):
                return {k: plain(x) for k, x in v.items()}
            return v

        return {"class": type(self).__name__, "module": self.kind, "args": plain(self.args), "kwargs": plain(self.kwargs)}

    def __call__(self, x):
        """Functional API: calling a layer on a tensor (or a list of them, for a merge) records the edge."""
        return Tensor(self, list(x) if isinstance(x, (list, tuple)) else [x])


class Tensor:
    """The output of a layer call: the layer and the tensors it was called on."""

    def __init__(self, layer, inputs):
        self.layer = layer
        self.inputs = inputs


def _namespace(name, kind, classes):
    mod = types.ModuleType("keras." + name)
    for c in classes:
        setattr(mod, c, type(c, (Recorded,), {"kind": kind}))
    sys.modules["keras." + name] = mod
    return mod


layers = _namespace("layers", "layers", [
    "Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "BatchNormalization", "Dropout", "Flatten",
    "Activation", "LeakyReLU", "PReLU", "ELU", "Add", "Concatenate", "Multiply", "Average", "Maximum",
    "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D",
    "Embedding", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Conv1D", "MaxPooling1D", "AveragePooling1D",
    "GlobalAveragePooling1D", "GlobalMaxPooling1D",
])
initializers = _namespace("initializers", "initializers", [
    "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal", "Zeros", "Constant",
    "RandomUniform", "Orthogonal", "Ones", "RandomNormal", "TruncatedNormal", "VarianceScaling",
])
regularizers = _namespace("regularizers", "regularizers", ["L1", "L2", "L1L2"])
losses = _namespace("losses", "losses", [
    "MeanSquaredError", "MeanAbsoluteError", "Huber", "BinaryCrossentropy", "CategoricalCrossentropy",
    "SparseCategoricalCrossentropy", "LogCosh", "KLDivergence", "Poisson", "Hinge",
])
optimizers = _namespace("optimizers", "optimizers", ["SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "AdamW", "Nadam"])
callbacks = _namespace("callbacks", "callbacks", ["EarlyStopping"])
utils = types.ModuleType("keras.utils")
utils.set_random_seed = lambda seed: None
sys.modules["keras.utils"] = utils


class Input(Recorded):
    kind = "input"
    layer = None
    inputs = []


class Sequential(Recorded):
    kind = "model"

    def compile(self, **kwargs):
        self.compiled = kwargs

    def describe(self):
        d = super().describe()
        if hasattr(self, "compiled"):
            d["compiled"] = Recorded(**self.compiled).describe()["kwargs"]
        return d


class Model(Sequential):
    """keras.Model(inputs=, outputs=): describes the layer graph from the output back, inputs first."""

    def describe(self):
        order = []
        seen = set()

        def visit(t):
            if id(t) in seen or t.layer is None:
                return
            seen.add(id(t))
            for i in t.inputs:
                visit(i)
            order.append(t)

        visit(self.kwargs["outputs"])
        names = {id(t): t.layer.kwargs.get("name") for t in order}
        graph = [{"layer": t.layer.describe(), "inputs": [names.get(id(i), "input") for i in t.inputs]} for t in order]
        d = {"class": "Model", "module": self.kind, "args": [], "kwargs": {"name": self.kwargs.get("name"), "inputs": Recorded.describe(self.kwargs["inputs"])}, "graph": graph}
        if hasattr(self, "compiled"):
            d["compiled"] = Recorded(**self.compiled).describe()["kwargs"]
        return d
