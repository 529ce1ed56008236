#!/usr/bin/env python3
"""Tokens per second of the model alone through ONNX Runtime on this machine.

usage: bench_model.py MODEL.onnx [THREADS] [BATCH] [LEN] [SECONDS]
Feeds random token ids in batches of BATCH windows of LEN tokens (the
pipeline's windows are at most 128 tokens) and reports tokens/s.
"""
import sys, time
import numpy as np
import onnxruntime as ort


def main(path, threads=2, batch=32, length=64, seconds=10):
    threads, batch, length, seconds = int(threads), int(batch), int(length), float(seconds)
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    ids = rng.integers(2, 16000, size=(batch, length), dtype=np.int64)
    shapes = rng.integers(1, 14, size=(batch, length), dtype=np.int64)
    sess.run(None, {"input_ids": ids, "shape_ids": shapes})
    n = 0
    t = time.time()
    while time.time() - t < seconds:
        sess.run(None, {"input_ids": ids, "shape_ids": shapes})
        n += batch * length
    dt = time.time() - t
    print(f"{path}: {n / dt:,.0f} tokens/s ({threads} threads, batch {batch} x {length} tokens, {dt:.1f}s)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__); sys.exit(2)
    main(*sys.argv[1:])
