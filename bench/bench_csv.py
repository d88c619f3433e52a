#!/usr/bin/python3
"""Loading a numeric CSV: fitkit's reader against pandas.read_csv (C engine) on the same file.

Generates ROWS x COLS random normal floats written as Python's repr (17 significant digits
at most, as numpy and pandas print them) with a header row, times pandas.read_csv and the
bench_csv driver on it (best of --repeat alternating runs each, the file already in the
page cache), and prints both times and their ratio. The file lives in /tmp and is removed
afterwards.

    /usr/bin/python3 bench/bench_csv.py [--rows 1000000] [--cols 51] [--build-dir build/release]
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

BLOCK_ROWS = 20_000


def block_text(args):
    seed, rows, cols = args
    values = np.random.default_rng(seed).standard_normal((rows, cols))
    return "".join(",".join(map(repr, row)) + "\n" for row in values.tolist())


def write_csv(path, rows, cols):
    blocks = [(seed, min(BLOCK_ROWS, rows - start), cols)
              for seed, start in enumerate(range(0, rows, BLOCK_ROWS))]
    with open(path, "w") as out, multiprocessing.Pool() as pool:
        out.write(",".join(f"x{j}" for j in range(cols - 1)) + ",y\n")
        for text in pool.imap(block_text, blocks):
            out.write(text)


def time_pandas(path):
    start = time.perf_counter()
    frame = pd.read_csv(path, engine="c")
    return time.perf_counter() - start, frame.shape


def time_fitkit(driver, path):
    result = subprocess.run([driver, path], check=True, capture_output=True, text=True)
    report = json.loads(result.stdout)
    return report["seconds"], (report["rows"], report["cols"]), report["threads"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cols", type=int, default=51)
    parser.add_argument("--build-dir", default="build/release")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs each")
    args = parser.parse_args()

    driver = os.path.join(args.build_dir, "bench", "bench_csv")
    if not os.access(driver, os.X_OK):
        sys.exit(f"bench_csv.py: {driver} not found: build the bench_csv target first")

    fd, path = tempfile.mkstemp(prefix="fitkit_bench_", suffix=".csv", dir="/tmp")
    os.close(fd)
    try:
        start = time.perf_counter()
        write_csv(path, args.rows, args.cols)
        size_mb = os.path.getsize(path) / 1e6
        print(f"file: {args.rows} x {args.cols}, {size_mb:.0f} MB "
              f"(written in {time.perf_counter() - start:.0f} s)")

        # Alternating runs, best of each: a busy machine then slows both alike.
        pandas_seconds = fitkit_seconds = float("inf")
        for _ in range(args.repeat):
            seconds, pandas_shape = time_pandas(path)
            pandas_seconds = min(pandas_seconds, seconds)
            seconds, fitkit_shape, threads = time_fitkit(driver, path)
            fitkit_seconds = min(fitkit_seconds, seconds)
        if tuple(pandas_shape) != tuple(fitkit_shape):
            sys.exit(f"shapes differ: pandas {pandas_shape}, fitkit {fitkit_shape}")

        print(f"pandas {pd.__version__} read_csv: {pandas_seconds:.3f} s")
        print(f"fitkit read_csv ({threads} threads): {fitkit_seconds:.3f} s")
        print(f"speed-up: {pandas_seconds / fitkit_seconds:.2f}x "
              f"({size_mb / fitkit_seconds:.0f} MB/s against {size_mb / pandas_seconds:.0f} MB/s)")
    finally:
        os.remove(path)


if __name__ == "__main__":
    main()
