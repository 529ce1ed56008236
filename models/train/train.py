#!/usr/bin/env python3
"""Train the tagger and export models/ner.onnx and models/labels.json.

usage: train.py --train TRAIN.jsonl.gz --hand data/hand.jsonl --out ../ [--silver N] [--epochs E]

Data: the hand-annotated articles (stand-off, joined with their text by id),
90% for training and 10% held out for model selection, plus N silver articles
labelled by silver.py. Nothing from the dev set is read.
"""
import argparse, gzip, hashlib, json, math, os, random, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from tokenizers import Tokenizer
import silver, vntext

LABELS = ["PER", "TITLE", "ORG", "LOC", "MONEY", "PERCENT", "QUANTITY", "DATE"]
TAGS = ["O"] + [f"{p}-{l}" for l in LABELS for p in ("B", "I")]
TAG_ID = {t: i for i, t in enumerate(TAGS)}
MAX_LEN = 128


def held_out(aid):
    return int(hashlib.sha1(aid.encode()).hexdigest(), 16) % 10 == 0


def encode_article(tok, text, spans, only=None):
    """Sentence windows of (ids, shapes, tags) for one article. text is NFC.
    `only`: the (start, end) sentences to use, all when None."""
    folded = vntext.fold_tones(text)
    char_tag = [0] * len(text)
    for s, e, lab in spans:
        char_tag[s] = TAG_ID[f"B-{lab}"]
        for k in range(s + 1, e):
            char_tag[k] = TAG_ID[f"I-{lab}"]
    out = []
    for ss, se in vntext.split_sentences(text):
        if only is not None and (ss, se) not in only:
            continue
        enc = tok.encode(folded[ss:se])
        ids, shapes, tags = [], [], []
        for tid, (a, b) in zip(enc.ids, enc.offsets):
            a += ss; b += ss
            ids.append(tid)
            shapes.append(vntext.shape_id(text[a:b], a == 0 or text[a - 1].isspace()))
            tags.append(char_tag[a])
        for w in range(0, max(1, len(ids)), MAX_LEN - 16):
            chunk = slice(w, w + MAX_LEN)
            if ids[chunk]:
                out.append((ids[chunk], shapes[chunk], tags[chunk]))
            if w + MAX_LEN >= len(ids):
                break
    return out


class Tagger(nn.Module):
    def __init__(self, vocab, n_shapes, n_tags, dim=256, emb=192, shape_dim=32, dilations=(1, 2, 4, 8, 1, 2)):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb, padding_idx=0)
        self.shape = nn.Embedding(n_shapes + 1, shape_dim, padding_idx=0)
        self.proj = nn.Linear(emb + shape_dim, dim)
        self.convs = nn.ModuleList([nn.Conv1d(dim, dim, 3, padding=d, dilation=d) for d in dilations])
        self.norms = nn.ModuleList([nn.LayerNorm(dim) for _ in dilations])
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(dim, n_tags)

    def forward(self, input_ids, shape_ids):
        # Padding is zeroed after every layer, so a sentence gets the same
        # logits whatever it is batched with.
        mask = (input_ids != 0).unsqueeze(-1).to(torch.float32)
        x = torch.cat([self.emb(input_ids), self.shape(shape_ids)], dim=-1)
        h = self.proj(self.drop(x)) * mask
        for conv, norm in zip(self.convs, self.norms):
            y = conv(h.transpose(1, 2)).transpose(1, 2)
            h = norm(h + self.drop(F.gelu(y))) * mask
        return self.out(h)


def batches(examples, bs, shuffle):
    idx = list(range(len(examples)))
    if shuffle:
        random.shuffle(idx)
    # group by length within buckets of 50 batches for speed
    for b0 in range(0, len(idx), bs * 50):
        chunk = sorted(idx[b0:b0 + bs * 50], key=lambda i: len(examples[i][0]))
        bl = [chunk[i:i + bs] for i in range(0, len(chunk), bs)]
        if shuffle:
            random.shuffle(bl)
        for b in bl:
            L = max(len(examples[i][0]) for i in b)
            ids = np.zeros((len(b), L), np.int64); sh = np.zeros((len(b), L), np.int64); tg = np.full((len(b), L), -100, np.int64)
            for r, i in enumerate(b):
                a, s, t = examples[i]
                ids[r, :len(a)] = a; sh[r, :len(a)] = s; tg[r, :len(a)] = t
            yield torch.from_numpy(ids), torch.from_numpy(sh), torch.from_numpy(tg)


def spans_of(tags):
    out, cur = set(), None
    for i, t in enumerate(list(tags) + [0]):
        name = TAGS[t]
        if cur and (name == "O" or name.startswith("B-") or name[2:] != cur[2]):
            out.add((cur[0], i, cur[2])); cur = None
        if name.startswith("B-") or (name.startswith("I-") and cur is None):
            cur = (i, None, name[2:])
    return out


def evaluate(model, examples):
    model.eval()
    tp = fp = fn = 0
    with torch.no_grad():
        for ids, sh, tg in batches(examples, 64, False):
            pred = model(ids, sh).argmax(-1)
            for r in range(ids.shape[0]):
                n = int((tg[r] != -100).sum())
                g = spans_of(tg[r, :n].tolist()); p = spans_of(pred[r, :n].tolist())
                tp += len(g & p); fp += len(p - g); fn += len(g - p)
    model.train()
    pr = tp / max(1, tp + fp); rc = tp / max(1, tp + fn)
    return 2 * pr * rc / max(1e-9, pr + rc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--hand", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--gazetteer", default="../../../shared/data/gazetteer/admin-units-2025-03/units.json")
    ap.add_argument("--silver", type=int, default=8000)
    ap.add_argument("--pseudo", help="self-training labels from pseudo.py; used instead of rule silver for those articles")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hand-weight", type=int, default=4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    random.seed(a.seed); torch.manual_seed(a.seed); torch.set_num_threads(a.threads)
    silver.load_places(a.gazetteer)
    tok = Tokenizer.from_file(os.path.join(a.out, "tokenizer.json"))

    pseudo = {}
    if a.pseudo:
        for line in open(a.pseudo, encoding="utf-8"):
            r = json.loads(line)
            pseudo[r["id"]] = ([tuple(x) for x in r["entities"]], {tuple(x) for x in r["sentences"]})
    tr_pseudo = []
    hand = {}
    for line in open(a.hand, encoding="utf-8"):
        r = json.loads(line); hand[r["id"]] = [(s, e, l) for s, e, l in r["entities"]]
    t0 = time.time()
    tr_hand, va_hand, tr_silver = [], [], []
    n_silver = found = 0
    with gzip.open(a.train, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = vntext.normalize(r["text"])
            if r["id"] in hand:
                found += 1
                ex = encode_article(tok, text, hand[r["id"]])
                (va_hand if held_out(r["id"]) else tr_hand).extend(ex)
            elif r["id"] in pseudo:
                found += 1
                spans, only = pseudo[r["id"]]
                tr_pseudo.extend(encode_article(tok, text, spans, only))
            elif n_silver < a.silver and len(text) < 6000:
                # rules match the folded spelling ("Thành uỷ" = "Thành ủy"); offsets are the same
                spans = silver.label(vntext.fold_tones(text), vntext.fold_tones(vntext.normalize(r.get("seg", ""))))
                tr_silver.extend(encode_article(tok, text, spans))
                n_silver += 1
            if n_silver >= a.silver and found == len(hand) + len(pseudo):
                break
    print(f"data: {len(tr_hand)} hand windows, {len(va_hand)} held-out, {len(tr_silver)} silver ({n_silver} articles), "
          f"{len(tr_pseudo)} self-training in {time.time()-t0:.0f}s", flush=True)

    model = Tagger(tok.get_vocab_size(), vntext.NUM_SHAPES, len(TAGS))
    print(f"parameters: {sum(p.numel() for p in model.parameters())}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.01)
    train = tr_hand * a.hand_weight + tr_silver + tr_pseudo
    steps = a.epochs * math.ceil(len(train) / 32)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps, pct_start=0.1)
    best, best_state = -1, None
    for ep in range(a.epochs):
        tl = 0; nb = 0
        for ids, sh, tg in batches(train, 32, True):
            logits = model(ids, sh)
            loss = F.cross_entropy(logits.reshape(-1, len(TAGS)), tg.reshape(-1), ignore_index=-100)
            opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); sched.step()
            tl += loss.item(); nb += 1
        f1 = evaluate(model, va_hand)
        print(f"epoch {ep+1}: loss {tl/nb:.4f} held-out span F1 {f1:.4f} ({time.time()-t0:.0f}s)", flush=True)
        if f1 > best:
            # checkpoint: the best model so far is always exported
            best = f1; best_state = {k: v.clone() for k, v in model.state_dict().items()}
            model.eval(); export(model, a.out); model.train()
    print(f"best held-out span F1 {best:.4f}")


def export(model, out):
    ids = torch.ones((2, 7), dtype=torch.int64); sh = torch.ones((2, 7), dtype=torch.int64)
    path = os.path.join(out, "ner.onnx")
    torch.onnx.export(model, (ids, sh), path, input_names=["input_ids", "shape_ids"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "shape_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}},
                      opset_version=17, dynamo=False)
    json.dump({"scheme": "BIO", "tags": TAGS, "max_len": MAX_LEN, "inputs": ["input_ids", "shape_ids"]},
              open(os.path.join(out, "labels.json"), "w"), indent=1)
    print(f"exported {path}")


if __name__ == "__main__":
    main()
