#!/usr/bin/env python3
"""Train the WordPiece tokenizer on VietNews train (tone-folded, NFC, lowercased).

usage: train_tokenizer.py TRAIN.jsonl.gz OUT/tokenizer.json [N_ARTICLES]
"""
import gzip, json, sys
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
import vntext


def texts(path, n):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                break
            yield vntext.fold_tones(vntext.normalize(json.loads(line)["text"]))


def main(src, out, n=60000):
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=50))
    # Lowercase here; the case survives in the shape ids, computed from the text.
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(vocab_size=16000, min_frequency=3,
                                        special_tokens=["[PAD]", "[UNK]"])
    tok.train_from_iterator(texts(src, int(n)), trainer)
    tok.save(out)
    print(f"vocab {tok.get_vocab_size()} -> {out}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__); sys.exit(2)
    main(*sys.argv[1:])
