"""Test harness: the issue-13 losses, optimizers, weight decay and initialisers of a compiled PyTorch
folder's axon_runtime against Keras 3's formulas written out here in plain Python/torch (no Keras
is installable). Prints JSON: {name: max abs difference or measured statistic}."""
import json
import math
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402

import axon_runtime as rt  # noqa: E402

torch.manual_seed(0)
EPS = 1e-7
out = {}

# ---- losses: Keras's per-sample formula, then the batch mean ----
p = torch.rand(6, 3) * 0.9 + 0.05
q = p / p.sum(-1, keepdim=True)
y = torch.rand(6, 3)
yd = y / y.sum(-1, keepdim=True)
d = torch.randn(6, 3) * 2


def keras_log_cosh(yt, yp):
    return torch.log(torch.cosh(yp - yt)).mean(-1).mean()


def keras_kl(yt, yp):
    yt, yp = yt.clamp(EPS, 1), yp.clamp(EPS, 1)
    return (yt * torch.log(yt / yp)).sum(-1).mean()


def keras_poisson(yt, yp):
    return (yp - yt * torch.log(yp + EPS)).mean(-1).mean()


def keras_hinge(yt, yp):
    yt = 2 * yt - 1  # 0/1 labels
    return torch.clamp(1 - yt * yp, min=0).mean(-1).mean()


labels = torch.tensor([0, 2, 1, 1, 0, 2])
counts = torch.tensor([[0.0, 1, 3], [2, 0, 1], [1, 1, 1], [0, 0, 4], [5, 1, 0], [1, 2, 3]])
binary = torch.tensor([[0.0], [1], [1], [0], [1], [0]])
scores = torch.randn(6, 1)
out["log_cosh"] = abs(rt.make_loss({"name": "log_cosh"})(d, y).item() - keras_log_cosh(y, d).item())
out["kl_divergence"] = abs(rt.make_loss({"name": "kl_divergence"})(q, yd).item() - keras_kl(yd, q).item())
out["poisson"] = abs(rt.make_loss({"name": "poisson"})(p * 3, counts).item() - keras_poisson(counts, p * 3).item())
out["hinge"] = abs(rt.make_loss({"name": "hinge"})(scores, binary).item() - keras_hinge(binary, scores).item())
sparse = rt.make_loss({"name": "sparse_categorical_crossentropy", "fromLogits": False})(q, labels).item()
onehot = rt.make_loss({"name": "categorical_crossentropy", "fromLogits": False})(q, torch.nn.functional.one_hot(labels, 3).float()).item()
out["sparse_vs_categorical"] = abs(sparse - onehot)
logits = torch.randn(6, 3)
sparse_l = rt.make_loss({"name": "sparse_categorical_crossentropy", "fromLogits": True})(logits, labels).item()
onehot_l = rt.make_loss({"name": "categorical_crossentropy", "fromLogits": True})(logits, torch.nn.functional.one_hot(labels, 3).float()).item()
out["sparse_vs_categorical_logits"] = abs(sparse_l - onehot_l)


# ---- optimizers: a few steps on one tensor with fixed gradients, against Keras 3's update rules ----
def run_torch(spec, steps):
    w = torch.nn.Parameter(torch.tensor([0.5, -1.0, 2.0]))
    opt = rt.make_optimizer(spec, [w])
    for g in steps:
        opt.zero_grad()
        w.grad = g.clone()
        rt.apply_weight_decay(spec, [w])
        opt.step()
    return w.detach()


grads = [torch.tensor([0.3, -0.2, 0.1]), torch.tensor([-0.1, 0.4, 0.2]), torch.tensor([0.05, 0.05, -0.3]), torch.tensor([0.2, -0.1, 0.0])]


def keras_nadam(lr, b1, b2, eps, wd=0.0):
    w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    m = torch.zeros(3, dtype=torch.float64)
    v = torch.zeros(3, dtype=torch.float64)
    u_product = 1.0
    for t, g in enumerate(grads, start=1):
        g = g.double()
        w = w - w * wd * lr
        u_t = b1 * (1 - 0.5 * 0.96 ** t)
        u_t1 = b1 * (1 - 0.5 * 0.96 ** (t + 1))
        u_product *= u_t
        u_product_1 = u_product * u_t1
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        m_hat = u_t1 * m / (1 - u_product_1) + (1 - u_t) * g / (1 - u_product)
        v_hat = v / (1 - b2 ** t)
        w = w - m_hat * lr / (torch.sqrt(v_hat) + eps)
    return w


def keras_adamw(lr, b1, b2, eps, wd):
    # Keras 3 Adam (epsilon outside the corrected root, as torch) after the decoupled decay
    w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    m = torch.zeros(3, dtype=torch.float64)
    v = torch.zeros(3, dtype=torch.float64)
    for t, g in enumerate(grads, start=1):
        g = g.double()
        w = w - w * wd * lr
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        w = w - lr * (m / (1 - b1 ** t)) / (torch.sqrt(v / (1 - b2 ** t)) + eps)
    return w


def keras_adadelta(lr, rho, eps):
    w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    ag = torch.zeros(3, dtype=torch.float64)
    ad = torch.zeros(3, dtype=torch.float64)
    for g in grads:
        g = g.double()
        ag = rho * ag + (1 - rho) * g * g
        delta = -torch.sqrt(ad + eps) / torch.sqrt(ag + eps) * g
        ad = rho * ad + (1 - rho) * delta * delta
        w = w + lr * delta
    return w


def keras_adagrad(lr, acc0, eps):
    w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    acc = torch.full((3,), acc0, dtype=torch.float64)
    for g in grads:
        g = g.double()
        acc = acc + g * g
        w = w - lr * g / torch.sqrt(acc + eps)
    return w


def keras_sgd(lr, wd):
    w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    for g in grads:
        w = w - w * wd * lr
        w = w - lr * g.double()
    return w


def diff(a, b):
    return (a.double() - b).abs().max().item()


out["nadam"] = diff(run_torch({"name": "nadam", "learningRate": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7}, grads), keras_nadam(0.1, 0.9, 0.999, 1e-7))
out["nadam_weight_decay"] = diff(
    run_torch({"name": "nadam", "learningRate": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "weightDecay": 0.2}, grads),
    keras_nadam(0.1, 0.9, 0.999, 1e-7, 0.2),
)
out["adamw"] = diff(run_torch({"name": "adamw", "learningRate": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "weightDecay": 0.3}, grads), keras_adamw(0.1, 0.9, 0.999, 1e-7, 0.3))
out["adadelta"] = diff(run_torch({"name": "adadelta", "learningRate": 1.0, "rho": 0.95, "epsilon": 1e-7}, grads), keras_adadelta(1.0, 0.95, 1e-7))
out["adagrad"] = diff(run_torch({"name": "adagrad", "learningRate": 0.1, "initialAccumulator": 0.1, "epsilon": 1e-7}, grads), keras_adagrad(0.1, 0.1, 1e-7))
out["sgd_weight_decay"] = diff(run_torch({"name": "sgd", "learningRate": 0.1, "momentum": 0.0, "nesterov": False, "weightDecay": 0.5}, grads), keras_sgd(0.1, 0.5))

# ---- initialisers: measured statistics of a large tensor ----
big = torch.empty(400, 300)  # torch layout [out, in]: fan_in 300, fan_out 400
rt.init_tensor(big, {"name": "random_uniform", "minval": -0.1, "maxval": 0.3}, 300, 400)
out["random_uniform_min"], out["random_uniform_max"], out["random_uniform_mean"] = big.min().item(), big.max().item(), big.mean().item()
rt.init_tensor(big, {"name": "random_normal", "mean": 0.5, "stddev": 0.2}, 300, 400)
out["random_normal_mean"], out["random_normal_std"] = big.mean().item(), big.std().item()
rt.init_tensor(big, {"name": "truncated_normal", "mean": 1.0, "stddev": 0.1}, 300, 400)
out["truncated_normal_min"], out["truncated_normal_max"] = big.min().item(), big.max().item()
rt.init_tensor(big, {"name": "variance_scaling", "scale": 2.0, "mode": "fan_in", "distribution": "truncated_normal"}, 300, 400)
out["variance_scaling_tn_std"] = big.std().item()  # expect sqrt(2 / 300)
rt.init_tensor(big, {"name": "variance_scaling", "scale": 1.0, "mode": "fan_avg", "distribution": "uniform"}, 300, 400)
out["variance_scaling_uniform_max"] = big.abs().max().item()  # expect sqrt(3 / 350)
rt.init_tensor(big, {"name": "variance_scaling", "scale": 3.0, "mode": "fan_out", "distribution": "untruncated_normal"}, 300, 400)
out["variance_scaling_normal_std"] = big.std().item()  # expect sqrt(3 / 400)
square = torch.empty(50, 50)
rt.init_tensor(square, {"name": "orthogonal", "gain": 1.5}, 50, 50)
out["orthogonal_gram_error"] = (square @ square.t() - 2.25 * torch.eye(50)).abs().max().item()
rt.init_tensor(square, {"name": "ones"}, 50, 50)
out["ones_sum"] = square.sum().item()

# ---- regularisation: the penalty a Dense layer adds ----
dense = rt.Dense(3, 2, {"name": "linear"}, {"name": "zeros"}, {"name": "zeros"}, "flat", kernel_regularizer={"name": "l1_l2", "l1": 0.1, "l2": 0.01})
with torch.no_grad():
    dense.linear.weight.copy_(torch.tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]]))
out["l1_l2_penalty"] = dense.penalty().item()  # 0.1 * 7.5 + 0.01 * 15.25
print(json.dumps(out))
