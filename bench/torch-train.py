#!/usr/bin/env python3
"""PyTorch's side of bench/core-train.mjs: the same nets, the same batch sizes, trained on the CPU.

Reads one JSON request a line on stdin ({"case": "mlp", "threads": 1, "seconds": 2, "n": 2048}) and
answers one JSON line ({"rate": samples per second}); the first line it prints says the torch version
and the BLAS library torch's matmul resolved to (Debian's torch is built with BLAS_INFO=generic and
calls whatever libblas.so.3 the alternatives system points at: OpenBLAS with libopenblas0-pthread,
else the slow reference BLAS). Models and data are built once per case and reused across rounds, so
the caller can interleave rounds with its own engines.
"""
import json
import os
import sys
import time

import torch
from torch import nn


def blas_library():
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))  # make sure the BLAS is loaded
    try:
        with open('/proc/self/maps') as maps:
            libs = {line.split()[-1] for line in maps if 'blas' in line.lower() and '/' in line}
        return ', '.join(sorted(os.path.realpath(l) for l in libs)) or 'none found in /proc/self/maps'
    except OSError:
        return 'unknown'


def config_blas():
    for part in torch.__config__.show().replace(',', '\n').split('\n'):
        if 'BLAS_INFO' in part:
            return part.strip().replace('- Build settings: ', '')
    return 'BLAS_INFO=?'


def mlp(sizes):
    layers = []
    for i in range(1, len(sizes)):
        layers.append(nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def cnn(f1, f2, dropout):
    # 28×28×1 → conv 3×3 valid → pool 2 → conv 3×3 valid → pool 2 → (dropout) → dense 10; logits
    # (CrossEntropyLoss applies the softmax, as Keras's softmax + categorical crossentropy).
    layers = [nn.Conv2d(1, f1, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(f1, f2, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()]
    if dropout:
        layers.append(nn.Dropout(0.5))
    layers.append(nn.Linear(5 * 5 * f2, 10))
    return nn.Sequential(*layers)


CASES = {
    'tiny': dict(model=lambda: mlp([4, 16, 16, 3]), shape=(4,), classes=3, batch=16),
    'mlp': dict(model=lambda: mlp([784, 256, 128, 10]), shape=(784,), classes=10, batch=64),
    'small-cnn': dict(model=lambda: cnn(8, 16, False), shape=(1, 28, 28), classes=10, batch=32),
    'keras-cnn': dict(model=lambda: cnn(32, 64, True), shape=(1, 28, 28), classes=10, batch=128),
}

built = {}


def runner(case, n):
    key = (case, n)
    if key not in built:
        c = CASES[case]
        torch.manual_seed(1)
        model = c['model']()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
        x = torch.rand((n,) + c['shape'])
        y = torch.randint(0, c['classes'], (n,))
        loss_fn = nn.CrossEntropyLoss()
        batch = c['batch']

        def epoch():
            model.train()
            order = torch.randperm(n)
            for s in range(0, n, batch):
                idx = order[s:s + batch]
                opt.zero_grad()
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()

        epoch()  # warm-up
        built[key] = epoch
    return built[key]


def main():
    print(json.dumps({'torch': torch.__version__, 'blas': f'{config_blas()}, libblas → {blas_library()}'}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        torch.set_num_threads(int(req['threads']))
        epoch = runner(req['case'], int(req['n']))
        samples = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < float(req['seconds']):
            epoch()
            samples += int(req['n'])
        print(json.dumps({'rate': samples / (time.perf_counter() - t0)}), flush=True)


if __name__ == '__main__':
    main()
