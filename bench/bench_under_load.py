#!/usr/bin/python3
"""fitkit on a busy machine: every program's fit with its default threads against --threads 1.

    /usr/bin/python3 bench/bench_under_load.py [--busy 2] [--repeat 7] [--build-dir build/release]
                                               [--large-rows 1000000] [--large-cols 50]

Starts --busy processes that spin forever (as another program keeping the cores busy would),
then times `fit` of every program `fitkit list` names on the bundled data sets: classifiers on
iris and wine, regressors on diabetes (target progression), transformers on all three (and
their `transform`, the transformer's real work). Each case runs --repeat times with the
default threads and with --threads 1, interleaved, and the table gives the medians of the
phase (the timer `-v` prints, to the microsecond) and of the whole command, and their ratios
default / one thread. Then a large fit under the same load: LinearRegression on --large-rows x
--large-cols (generated as bench_linear_regression.py does) through the
bench/bench_linear_regression driver (the library, as a C++ program uses it), with
FITKIT_NUM_THREADS unset and set to 1, under libgomp's default waiting and under
OMP_WAIT_POLICY=passive.

The busy processes are killed on exit, also on Ctrl-C or a failure. OMP_NUM_THREADS and
FITKIT_NUM_THREADS are removed from the programs' environment, so "default" means every core;
OMP_WAIT_POLICY (then the only policy measured) and OPENBLAS_CORETYPE are passed on as they
are. Other load on the machine adds to the busy loops: run it where nothing else does.
"""
import argparse
import ctypes
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib

TARGETS = {"iris": "species", "wine": "cultivar", "diabetes": "progression"}
DATA_FOR_KIND = {"classifier": ["iris", "wine"], "regressor": ["diabetes"],
                 "transformer": ["iris", "wine", "diabetes"]}
# Ratios default / one thread above this fail the check the issue asks for, unless the two
# phases are within TIMER_SLACK: a scheduler time slice lost to a busy loop on a phase of a
# millisecond is the machine's noise, not threads at work.
MAX_SMALL_RATIO = 1.5
TIMER_SLACK = 0.0005


class BusyLoops:
    """Processes that keep cores busy, each in its own process group, killed on exit."""

    def __init__(self, count):
        self.count = count
        self.processes = []

    def __enter__(self):
        for _ in range(self.count):
            self.processes.append(subprocess.Popen(
                ["/bin/sh", "-c", "while :; do :; done"], start_new_session=True))
        time.sleep(0.5)  # let the scheduler see them as the CPU hogs they are
        return self

    def __exit__(self, *exc):
        for p in self.processes:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
        self.processes = []
        return False


def program_env(threads, wait_policy=None):
    env = dict(os.environ)
    env.pop("OMP_NUM_THREADS", None)
    env.pop("FITKIT_NUM_THREADS", None)
    if threads is not None:
        env["FITKIT_NUM_THREADS"] = str(threads)
    if wait_policy is not None:
        env["OMP_WAIT_POLICY"] = wait_policy
    return env


def openblas_core():
    """The kernel OpenBLAS picks here (it reads OPENBLAS_CORETYPE as the programs will)."""
    try:
        blas = ctypes.CDLL("libopenblas.so.0")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        return blas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return "unknown"


def list_programs(bin_dir):
    out = subprocess.run([os.path.join(bin_dir, "fitkit"), "list"], check=True,
                         capture_output=True, text=True).stdout
    programs = []
    for line in out.splitlines():
        if not line.strip():
            continue
        name = line.split()[0]
        verbs = subprocess.run([os.path.join(bin_dir, name), "--help"], check=True,
                               capture_output=True, text=True).stdout
        if re.search(r"^\s+transform\s", verbs, re.M):
            kind = "transformer"
        elif "classifier" in name or name == "fitkit-logistic-regression":
            kind = "classifier"
        else:
            kind = "regressor"
        programs.append((name, kind))
    return programs


def time_verb(command, phase, threads):
    """Seconds of one phase (its timer from -v) and of the whole command."""
    command = [*command, "-v"]
    if threads is not None:
        command += ["--threads", str(threads)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=program_env(None))
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    timer = re.search(rf"^{phase}: ([0-9.]+) s", done.stderr, re.M)
    if not timer:
        raise RuntimeError(f"no {phase} timer in the output of {' '.join(command)}:\n"
                           f"{done.stderr}")
    return float(timer.group(1)), wall


def measure(label, data, command, phase, repeat):
    """Medians of the phase and of the whole command, default threads and one, interleaved."""
    runs = {"default": [], "one": []}
    for _ in range(repeat):
        runs["default"].append(time_verb(command, phase, None))
        runs["one"].append(time_verb(command, phase, 1))
    medians = {k: (statistics.median(p for p, _ in v), statistics.median(w for _, w in v))
               for k, v in runs.items()}
    row = (label, data, medians)
    print_small_row(row, flush=True)
    return row


def small_cases(args, bin_dir, tmp):
    """fit of every program on its data sets; a transformer's transform too (its real work)."""
    rows = []
    model, output = os.path.join(tmp, "model.bin"), os.path.join(tmp, "out.csv")
    for name, kind in list_programs(bin_dir):
        program = os.path.join(bin_dir, name)
        for data in DATA_FOR_KIND[kind]:
            data_args = ["--data", os.path.join(benchlib.ROOT, "datasets", data + ".csv"),
                         "--target", TARGETS[data]]
            rows.append(measure(name, data, [program, "fit", *data_args, "--model", model],
                                "fit", args.repeat))
            if kind == "transformer":
                subprocess.run([program, "fit", *data_args, "--model", model, "-q"], check=True)
                rows.append(measure(name + " transform", data,
                                    [program, "transform", *data_args[:2], "--model", model,
                                     "--output", output], "transform", args.repeat))
    return rows


def ratio(a, b):
    return a / b if b > 0 else float("inf")


def too_slow(medians):
    """The phase, or the whole command, over MAX_SMALL_RATIO (beyond TIMER_SLACK)."""
    return any(medians["default"][k] > MAX_SMALL_RATIO * medians["one"][k]
               and medians["default"][k] > medians["one"][k] + TIMER_SLACK for k in (0, 1))


def print_small_header():
    print(f"{'program':40s} {'data':9s} {'phase dflt':>11s} {'phase -t 1':>10s} {'ratio':>6s}"
          f" {'cmd default':>11s} {'cmd -t 1':>9s} {'ratio':>6s}")


def print_small_row(row, flush=False):
    name, data, m = row
    fit_ratio = ratio(m["default"][0], m["one"][0])
    flag = f"  <-- over {MAX_SMALL_RATIO}" if too_slow(m) else ""
    print(f"{name:40s} {data:9s} {m['default'][0]:11.5f} {m['one'][0]:10.5f} {fit_ratio:6.2f}"
          f" {m['default'][1]:11.4f} {m['one'][1]:9.4f} {ratio(m['default'][1], m['one'][1]):6.2f}"
          f"{flag}", flush=flush)


def wait_policies():
    """libgomp's default (what a C++ program gets) and passive (what the fitkit programs run
    with on large data), or only the user's OMP_WAIT_POLICY when it is set."""
    if "OMP_WAIT_POLICY" in os.environ:
        return [os.environ["OMP_WAIT_POLICY"]]
    return ["default", "passive"]


def large_case(args):
    """Median fit seconds of LinearRegression on the large problem through the library's
    bench driver, per waiting policy, with the default threads and with one."""
    driver = benchlib.driver_path(args.build_dir, "bench_linear_regression")
    X, y = benchlib.make_regression(args.large_rows, args.large_cols)
    times = {(policy, threads): [] for policy in wait_policies() for threads in ("default", "one")}
    with benchlib.raw_files(X, y) as (x_path, y_path):
        del X, y
        with BusyLoops(args.busy):
            for _ in range(args.large_repeat):
                for policy, threads in times:
                    env = program_env(None if threads == "default" else 1,
                                      None if policy == "default" else policy)
                    out = subprocess.run(
                        [driver, x_path, y_path, str(args.large_rows), str(args.large_cols),
                         "auto", "1"],
                        check=True, capture_output=True, text=True, env=env)
                    times[policy, threads].append(
                        float(re.search(r'"fit_seconds": ([0-9.e-]+)', out.stdout).group(1)))
    return {k: statistics.median(v) for k, v in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy", type=int, default=2, help="busy-loop processes to start")
    parser.add_argument("--repeat", type=int, default=7, help="runs per case (median)")
    parser.add_argument("--large-rows", type=int, default=1_000_000)
    parser.add_argument("--large-cols", type=int, default=50)
    parser.add_argument("--large-repeat", type=int, default=5)
    parser.add_argument("--skip-large", action="store_true")
    args = benchlib.parse_args(parser)
    bin_dir = os.path.join(args.build_dir, "bin")

    # SIGTERM (e.g. from a CI timeout) unwinds like Ctrl-C, so the busy loops are killed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"OpenBLAS kernel {openblas_core()}"
          f" (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})"
          f"  OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}"
          f"  cores={os.cpu_count()}  busy loops={args.busy}  repeat={args.repeat}"
          f"  load before start={os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        print_small_header()
        with BusyLoops(args.busy):
            rows = small_cases(args, bin_dir, tmp)
    slow = [f"{name} on {data}" for name, data, m in rows if too_slow(m)]
    print(f"default threads over {MAX_SMALL_RATIO} x --threads 1 (beyond a slack of"
          f" {TIMER_SLACK * 1000:.1f} ms): {', '.join(slow) if slow else 'none'}")
    if not args.skip_large:
        large = large_case(args)
        print(f"LinearRegression {args.large_rows} x {args.large_cols} under load"
              f" (bench_linear_regression driver, fit seconds, median of {args.large_repeat}):")
        for policy in wait_policies():
            default, one = large[policy, "default"], large[policy, "one"]
            flag = "  <-- slower with threads" if default > one else ""
            print(f"  OMP_WAIT_POLICY {policy:8s} default threads {default:.3f} s,"
                  f" one thread {one:.3f} s, ratio {ratio(default, one):.2f}{flag}")


if __name__ == "__main__":
    main()
