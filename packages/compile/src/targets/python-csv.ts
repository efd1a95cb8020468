/**
 * The fixed CSV loader shared by the PyTorch and Keras outputs, `axon_csv.py`: pure Python (csv, math),
 * the same conventions as the core's loader (packages/core/src/data), including its seeded shuffle.
 */
export const PY_CSV_BODY = String.raw`# ---- CSV data: the same conventions as axon train (packages/core/src/data) ----

class DataError(Exception):
    pass


def _number(cell):
    try:
        v = float(cell)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _sort_labels(labels):
    labels = list(dict.fromkeys(labels))
    if all(_number(l) is not None for l in labels):
        return sorted(labels, key=float)
    return sorted(labels)


def _mulberry32(seed):
    state = [seed & 0xFFFFFFFF]

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def nxt():
        state[0] = (state[0] + 0x6D2B79F5) & 0xFFFFFFFF
        t = state[0]
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296.0

    return nxt


def seeded_permutation(n, seed):
    """The core's seeded Fisher-Yates shuffle (mulberry32), so the split matches axon train's."""
    order = list(range(n))
    nxt = _mulberry32(seed)
    for i in range(n - 1, 0, -1):
        j = int(math.floor(nxt() * (i + 1)))
        order[i], order[j] = order[j], order[i]
    return order


def validation_count(n, split):
    if not split > 0 or n < 2:
        return 0
    return min(n - 1, max(1, int(math.floor(n * split + 0.5))))


def _encode_targets(rows, header, tcols, task, path):
    kind = (task or {}).get("kind", "regression")

    def cell_error(r, c, msg):
        return DataError("%s:%d: column %s: %s" % (path, r["line"], json.dumps(header[c]), msg))

    def need_number(r, c):
        v = _number(r["cells"][c])
        if v is None:
            raise cell_error(r, c, "%s is not a number" % json.dumps(r["cells"][c]))
        return v

    if kind == "regression":
        return [[need_number(r, c) for c in tcols] for r in rows], None
    if kind == "multilabel" and len(tcols) > 1:
        return [[need_number(r, c) for c in tcols] for r in rows], [header[c] for c in tcols]
    c = tcols[0]
    cells = [r["cells"][c] for r in rows]
    if kind == "binary_classification":
        if all(_number(v) in (0.0, 1.0) for v in cells):
            return [[_number(v)] for v in cells], None
        labels = _sort_labels(cells)
        if len(labels) != 2:
            raise DataError("%s: target column %s holds %d labels; binary_classification needs 0/1 or two labels" % (path, json.dumps(header[c]), len(labels)))
        return [[1.0 if v == labels[1] else 0.0] for v in cells], labels
    if kind == "classification":
        n = int(task["classes"])
        distinct = list(dict.fromkeys(cells))
        if all(_number(l) is not None and float(l).is_integer() and 0 <= float(l) < n for l in distinct):
            labels = [str(i) for i in range(n)]
            index = lambda v: int(float(v))
        else:
            labels = _sort_labels(distinct)
            if len(labels) != n:
                raise DataError("%s: target column %s holds %d labels but the task has %d classes" % (path, json.dumps(header[c]), len(labels), n))
            pos = {l: i for i, l in enumerate(labels)}
            index = lambda v: pos[v]
        ys = []
        for v in cells:
            one = [0.0] * n
            one[index(v)] = 1.0
            ys.append(one)
        return ys, labels
    n = int(task["labels"])
    split = lambda v: [s.strip() for s in v.split("|") if s.strip()] if v else []
    found = list(dict.fromkeys(l for v in cells for l in split(v)))
    if all(_number(l) is not None and float(l).is_integer() and 0 <= float(l) < n for l in found):
        labels = [str(i) for i in range(n)]
        pos = {l: int(float(l)) for l in found}
    else:
        labels = _sort_labels(found)
        pos = {l: i for i, l in enumerate(labels)}
    ys = []
    for v in cells:
        row = [0.0] * n
        for l in split(v):
            row[pos[l]] = 1.0
        ys.append(row)
    return ys, labels


# The core's word rule (packages/core/src/data/tokenizer.ts): NFC form, lower-cased, runs of letters and
# digits with an apostrophe inside a word kept. Python's re has no \p{L}/\p{N}; [^\W_] is its letters and digits.
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
PADDING_TOKEN = ""
UNKNOWN_TOKEN = "[UNK]"


def split_words(text, lowercase=True):
    text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text.lower() if lowercase else text)


def build_vocabulary(texts, size):
    """Id -> word: padding, unknown, then the size - 2 most frequent words (equal counts in code point order)."""
    counts = {}
    for text in texts:
        for word in split_words(text):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: max(0, size - 2)]
    return [PADDING_TOKEN, UNKNOWN_TOKEN] + [w for w, _ in ranked]


def text_encoder(tokenizer):
    """text -> its first tokenizer["length"] word ids (1 = unknown), padded with 0 at the end."""
    ids = {w: i for i, w in enumerate(tokenizer["vocabulary"]) if i >= 2}
    length = int(tokenizer["length"])
    lowercase = bool(tokenizer.get("lowercase", True))

    def encode(text):
        row = [float(ids.get(w, 1)) for w in split_words(text, lowercase)[:length]]
        return row + [0.0] * (length - len(row))

    return encode


def read_csv(path, data, task, input_shape, seed, encoding=None):
    """Reads the data{} CSV as axon train does: features in file order (or data.features), targets encoded
    for the task, rows shuffled with the seed, the last round(n * validation_split) for validation, features
    standardised with the training split's statistics (population std; constant columns get std 1).
    'encoding' (from trained weights) fixes the standardisation statistics and the tokenizer instead.
    A text column (data.text) becomes token ids: the vocabulary from the training rows only (or the
    trained tokenizer's), never standardised.
    Returns dict(train=(rows, targets), validation=(rows, targets) or None, featureNames, labelNames,
    normalization, tokenizer, targetNormalization), rows and targets as lists of float lists (flat features, Axon's order).
    """
    encoding = encoding or {}
    with open(path, "r", encoding="utf-8-sig", newline="") as f:
        raw = list(csv.reader(f))
    records = []
    for i, r in enumerate(raw):
        cells = [c.strip() for c in r]
        if any(cells):
            records.append({"cells": cells, "line": i + 1})
    if len(records) < 2:
        raise DataError(path + ": expected a header row and at least one data row")
    header = records[0]["cells"]
    rows = records[1:]
    for r in rows:
        if len(r["cells"]) != len(header):
            raise DataError("%s:%d: %d cells, the header has %d" % (path, r["line"], len(r["cells"]), len(header)))
    targets = [t.strip() for t in data["target"].split(",") if t.strip()]
    text = data.get("text")
    for name in targets + list(data.get("features") or []) + ([text] if text is not None else []):
        if name not in header:
            raise DataError("%s: no column %s; the header has: %s" % (path, json.dumps(name), ", ".join(header)))
    tcols = [header.index(t) for t in targets]
    if text is not None:
        fcols = [header.index(text)]
    else:
        fcols = [header.index(f) for f in data["features"]] if data.get("features") else [i for i in range(len(header)) if i not in tcols]
        size = 1
        for d in input_shape:
            size *= d
        if len(fcols) != size:
            raise DataError("%s: %d feature columns but the network's input takes %d values per sample" % (path, len(fcols), size))
    xs = []
    if text is None:
        for r in rows:
            row = []
            for c in fcols:
                v = _number(r["cells"][c])
                if v is None:
                    raise DataError("%s:%d: column %s: %s is not a number" % (path, r["line"], json.dumps(header[c]), json.dumps(r["cells"][c])))
                row.append(v)
            xs.append(row)
    ys, labels = _encode_targets(rows, header, tcols, task, path)
    n = len(rows)
    order = seeded_permutation(n, seed)
    n_val = validation_count(n, float(data.get("validationSplit", 0.0)))
    train_idx, val_idx = order[: n - n_val], order[n - n_val:]
    tokenizer = None
    if text is not None:
        # The vocabulary needs the split: it is built from the training rows only.
        tokenizer = encoding.get("tokenizer") or {
            "column": text,
            "length": int(input_shape[0]),
            "lowercase": True,
            "vocabulary": build_vocabulary([rows[i]["cells"][fcols[0]] for i in train_idx], int(data.get("vocabulary") or 20000)),
        }
        encode = text_encoder(tokenizer)
        xs = [encode(r["cells"][fcols[0]]) for r in rows]
    norm = encoding.get("normalization")
    if norm is None and tokenizer is None and data.get("standardize", True):
        features = len(fcols)
        mean = [sum(xs[i][f] for i in train_idx) / len(train_idx) for f in range(features)]
        std = []
        for f in range(features):
            v = math.sqrt(sum((xs[i][f] - mean[f]) ** 2 for i in train_idx) / len(train_idx))
            std.append(v if v > 1e-12 else 1.0)
        norm = {"mean": mean, "std": std}
    if norm is not None:
        xs = [[(v - norm["mean"][f]) / norm["std"][f] for f, v in enumerate(row)] for row in xs]
    # data { standardize_target: true } (regression): targets scaled with the training split's mean and
    # population std (a constant target gets std 1), or the trained model's statistics; predictions are scaled back.
    target_norm = None
    if data.get("standardizeTarget") and (task or {}).get("kind", "regression") == "regression":
        target_norm = encoding.get("targetNormalization")
        if target_norm is None:
            outputs = len(ys[0]) if ys else 0
            t_mean = [sum(ys[i][k] for i in train_idx) / len(train_idx) for k in range(outputs)]
            t_std = []
            for k in range(outputs):
                v = math.sqrt(sum((ys[i][k] - t_mean[k]) ** 2 for i in train_idx) / len(train_idx))
                t_std.append(v if v > 1e-12 else 1.0)
            target_norm = {"mean": t_mean, "std": t_std}
        ys = [[(v - target_norm["mean"][k]) / target_norm["std"][k] for k, v in enumerate(row)] for row in ys]
    return {
        "train": ([xs[i] for i in train_idx], [ys[i] for i in train_idx]),
        "validation": ([xs[i] for i in val_idx], [ys[i] for i in val_idx]) if val_idx else None,
        "featureNames": [header[c] for c in fcols],
        "labelNames": encoding.get("labelNames") or labels,
        "normalization": norm,
        "tokenizer": tokenizer,
        "targetNormalization": target_norm,
    }
`;

export const PY_CSV = String.raw`"""Axon's CSV conventions in pure Python (generated by axon compile): the same columns, label order,
target encoding, seeded shuffle, validation split and standardisation as axon train."""
import csv
import json
import math
import re
import unicodedata


` + PY_CSV_BODY;
