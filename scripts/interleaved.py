#!/usr/bin/env python3
"""Times commands interleaved: one run of each in turn, ROUNDS rounds (the order reversed every other
round), then each command's median, first quartile and fastest wall time. The machine's speed drifts
by a quarter within minutes; a benchmark that runs one command's repetitions and then the other's
measures the drift along with the commands, interleaving spreads it over all of them alike.

    python3 scripts/interleaved.py ROUNDS "CMD A" "CMD B" ...

Each command is split on spaces (no shell) and run once before timing; its output is discarded.
The times include starting a process from Python (~1 ms, the same for every command)."""
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        print('usage: python3 scripts/interleaved.py ROUNDS "CMD A" "CMD B" ...', file=sys.stderr)
        return 2
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    times = {c: [] for c in commands}
    for c in commands:
        subprocess.run(c.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for r in range(rounds):
        for c in commands if r % 2 == 0 else reversed(commands):
            start = time.perf_counter()
            subprocess.run(c.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[c].append((time.perf_counter() - start) * 1000)
    first = statistics.median(times[commands[0]])
    for c in commands:
        t = sorted(times[c])
        median = statistics.median(t)
        print(f"{median:9.1f} ms median {t[len(t) // 4]:9.1f} p25 {t[0]:9.1f} min "
              f"{first / median:6.1f}x the first  {c[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
