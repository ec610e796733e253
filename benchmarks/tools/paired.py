"""Ratios from paired runs: each JMH benchmark measured between two runs of its C baseline, several times.

usage: paired.py --pairs pairs.tsv --dir DIR --out FILE.md [--command TEXT]
       paired.py --pairs pairs.tsv --baseline-of KEY     (prints the C baseline KEY is measured against)

DIR holds what benchmarks/paired.sh wrote, per JMH key and round R: KEY/R.before.tsv and KEY/R.after.tsv
(capi_baseline output) and KEY/R.jmh.json (JMH's JSON). A round's ratio is JMH's score over the mean of
the C runs just before and just after it, seconds apart instead of the minutes of a full run, so that a
host whose speed drifts moves both sides alike. The table gives each key's median ratio and the range.
"""

import argparse
import os
import statistics
import sys
from dataclasses import dataclass
from typing import List, Optional

from report import Pair, ReportError, bracket, format_ns, read_capi, read_jmh, read_pairs, table


@dataclass
class Round:
    java_ns: float
    c_ns: float

    @property
    def ratio(self) -> float:
        return self.java_ns / self.c_ns


def pair_of(key: str, pairs: List[Pair]) -> Pair:
    """The pairing of `key`: the first one with a target, else the first listed."""
    listed = [p for p in pairs if p.jmh == key]
    if not listed:
        raise ReportError(f"{key}: not in the pairs file")
    return next((p for p in listed if p.target is not None), listed[0])


def read_rounds(directory: str, pair: Pair) -> List[Round]:
    """The rounds of `pair` in `directory`, in round order; a round missing any of its three files is left out."""
    folder = os.path.join(directory, pair.jmh)
    numbers = sorted({int(name.split(".")[0]) for name in os.listdir(folder) if name.split(".")[0].isdigit()})
    rounds = []
    for number in numbers:
        paths = [os.path.join(folder, f"{number}.{part}") for part in ("before.tsv", "jmh.json", "after.tsv")]
        if not all(os.path.exists(path) for path in paths):
            continue
        with open(paths[0], encoding="utf-8") as before, open(paths[2], encoding="utf-8") as after:
            capi = bracket(read_capi(before, paths[0]), read_capi(after, paths[2]))
        with open(paths[1], encoding="utf-8") as text:
            java = read_jmh(text.read(), paths[1]).find(pair.jmh)
        c_result = capi.results.get(pair.capi)
        if java is None or c_result is None:
            raise ReportError(f"round {number} of {pair.jmh}: no result for {pair.jmh if java is None else pair.capi}")
        rounds.append(Round(java.ns_per_op, c_result.ns_per_op))
    return rounds


def row(pair: Pair, rounds: List[Round]) -> List[str]:
    target = "-" if pair.target is None else f"{pair.target:g}x"
    if not rounds:
        return [pair.jmh, pair.capi, "0", "", "", "", target, ""]
    ratios = [r.ratio for r in rounds]
    median = statistics.median(ratios)
    verdict = "" if pair.target is None else ("within" if median <= pair.target else "**over**")
    return [pair.jmh, pair.capi, str(len(rounds)), format_ns(statistics.median(r.java_ns for r in rounds)),
            format_ns(statistics.median(r.c_ns for r in rounds)),
            f"{median:.2f}x ({min(ratios):.2f}–{max(ratios):.2f})", target, verdict]


def render(rows: List[List[str]], command: Optional[str]) -> str:
    lines = ["## Paired runs", ""]
    if command:
        lines += [f"`{command}`: each JMH benchmark run between two runs of its C baseline, alternating;", ""]
    lines += ["A round's ratio is Java over the mean of the C runs just before and after it; the median of the",
              "rounds, their range in brackets. Java and C: medians of the rounds.", ""]
    lines += table(["JMH benchmark", "C baseline", "rounds", "Java", "C", "ratio", "target", ""], rows)
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", required=True, help="pairing of JMH benchmarks with C baselines")
    parser.add_argument("--baseline-of", metavar="KEY", help="print the C baseline of KEY (pair_of) and stop")
    parser.add_argument("--dir", help="what paired.sh wrote: KEY/ROUND.{before.tsv,jmh.json,after.tsv}")
    parser.add_argument("--out", help="Markdown file to write")
    parser.add_argument("--command", help="the command that made the runs, quoted in the report")
    args = parser.parse_args(argv)
    if args.baseline_of is None and (args.dir is None or args.out is None):
        parser.error("--dir and --out are needed unless --baseline-of is given")
    try:
        with open(args.pairs, encoding="utf-8") as lines:
            pairs = read_pairs(lines, args.pairs)
        if args.baseline_of is not None:
            print(pair_of(args.baseline_of, pairs).capi)
            return 0
        keys = sorted(name for name in os.listdir(args.dir) if os.path.isdir(os.path.join(args.dir, name)))
        rows = []
        for key in keys:
            pair = pair_of(key, pairs)
            rows.append(row(pair, read_rounds(args.dir, pair)))
    except (OSError, ReportError) as error:
        print(f"paired.py: {error}", file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(render(rows, args.command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
