#!/usr/bin/env python3
"""Self-training: label unannotated VietNews train articles with a trained model.

usage: pseudo.py MODEL_DIR TRAIN.jsonl.gz HAND.jsonl N OUT.jsonl [MIN_CONF]
Picks N articles (not hand-annotated, under 6,000 characters) that mention local
government, tags them with MODEL_DIR/ner.onnx, and writes stand-off spans
{"id", "entities": [[start, end, label]]}. Sentences whose least confident
token is below MIN_CONF (default 0.6) are left out of the article's
"sentences" list, so training uses only confident sentences.
"""
import gzip, json, os, sys
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer
import vntext
from train import spans_of  # the same BIO reading as the training's own scoring

KEYS = ["UBND", "Tỉnh ủy", "Chủ tịch", "tỷ đồng", "Bí thư", "huyện", "Sở "]


def main(model_dir, src, hand, n, out, min_conf=0.6):
    n, min_conf = int(n), float(min_conf)
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    so = ort.SessionOptions(); so.intra_op_num_threads = 2
    sess = ort.InferenceSession(os.path.join(model_dir, "ner.onnx"), so, providers=["CPUExecutionProvider"])
    skip = {json.loads(l)["id"] for l in open(hand, encoding="utf-8")}
    done = 0
    with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            if done >= n:
                break
            r = json.loads(line)
            text = vntext.normalize(r["text"])
            if r["id"] in skip or len(text) > 6000 or sum(k in text for k in KEYS) < 2:
                continue
            folded = vntext.fold_tones(text)
            ents, keep = [], []
            for ss, se in vntext.split_sentences(text):
                enc = tok.encode(folded[ss:se])
                if not enc.ids:
                    continue
                ids = np.array([enc.ids[:128]], np.int64)
                offs = [(a + ss, b + ss) for a, b in enc.offsets[:128]]
                shapes = np.array([[vntext.shape_id(text[a:b], a == 0 or text[a - 1].isspace()) for a, b in offs]], np.int64)
                logits = sess.run(None, {"input_ids": ids, "shape_ids": shapes})[0][0]
                p = np.exp(logits - logits.max(-1, keepdims=True)); p /= p.sum(-1, keepdims=True)
                best = p.argmax(-1)
                if len(enc.ids) > 128 or p.max(-1).min() < min_conf:
                    continue
                keep.append([ss, se])
                for s, e, lab in sorted(spans_of(best.tolist())):
                    ents.append([offs[s][0], offs[e - 1][1], lab])
            o.write(json.dumps({"id": r["id"], "entities": ents, "sentences": keep}, ensure_ascii=False) + "\n")
            done += 1
    print(f"{done} articles -> {out}")


if __name__ == "__main__":
    if len(sys.argv) < 6:
        print(__doc__); sys.exit(2)
    main(*sys.argv[1:])
