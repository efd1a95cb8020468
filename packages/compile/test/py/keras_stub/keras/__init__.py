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


def _namespace(name, kind, classes):
    mod = types.ModuleType("keras." + name)
    for c in classes:
        setattr(mod, c, type(c, (Recorded,), {"kind": kind}))
    sys.modules["keras." + name] = mod
    return mod


layers = _namespace("layers", "layers", [
    "Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "BatchNormalization", "Dropout", "Flatten",
    "Activation", "LeakyReLU", "PReLU", "ELU",
])
initializers = _namespace("initializers", "initializers", [
    "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal", "Zeros", "Constant",
])
losses = _namespace("losses", "losses", ["MeanSquaredError", "MeanAbsoluteError", "Huber", "BinaryCrossentropy", "CategoricalCrossentropy"])
optimizers = _namespace("optimizers", "optimizers", ["SGD", "Adam", "RMSprop"])
callbacks = _namespace("callbacks", "callbacks", ["EarlyStopping"])
utils = types.ModuleType("keras.utils")
utils.set_random_seed = lambda seed: None
sys.modules["keras.utils"] = utils


class Input(Recorded):
    kind = "input"


class Sequential(Recorded):
    kind = "model"

    def compile(self, **kwargs):
        self.compiled = kwargs

    def describe(self):
        d = super().describe()
        if hasattr(self, "compiled"):
            d["compiled"] = Recorded(**self.compiled).describe()["kwargs"]
        return d
