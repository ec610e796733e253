"""Joins the C API baseline's results and JMH's JSON into the ratio table of BENCHMARKS.md.

usage: report.py --capi capi.tsv [--capi-after capi-after.tsv] [--jmh jmh.json] --pairs pairs.tsv
                 [--mode quick|full] --out BENCHMARKS.md

Every ratio is JMH's score (average ns per operation) divided by the C baseline's median ns per
operation, both from the same run. Lower is better; a pair's target is the largest ratio accepted.
With --capi-after (the C baseline run again once JMH is done) the C side is the mean of the two runs,
and the report says how far each moved between them: on a host whose speed drifts, a ratio of two
figures taken minutes apart says more about the drift than about the bridge.
"""

import argparse
import datetime
import json
import os
import platform
import re
import sys
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional


@dataclass
class CapiResult:
    name: str
    ns_per_op: float
    iterations: int
    best_ns_per_op: float
    rounds: int
    # Set when the baseline ran before and after JMH: the two medians ns_per_op is the mean of.
    before_ns_per_op: Optional[float] = None
    after_ns_per_op: Optional[float] = None

    def drift(self) -> Optional[float]:
        """How much slower (positive) or faster the run after JMH was than the one before, as a fraction."""
        if self.before_ns_per_op is None or self.after_ns_per_op is None:
            return None
        return self.after_ns_per_op / self.before_ns_per_op - 1


@dataclass
class CapiRun:
    description: str = ""
    results: Dict[str, CapiResult] = field(default_factory=dict)
    skipped: Dict[str, str] = field(default_factory=dict)


@dataclass
class JmhResult:
    key: str
    benchmark: str
    ns_per_op: float
    error_ns: Optional[float]


@dataclass
class JmhRun:
    jdk: str = ""
    results: Dict[str, JmhResult] = field(default_factory=dict)

    def find(self, key: str) -> Optional[JmhResult]:
        """A result by short key or by full JMH name."""
        if key in self.results:
            return self.results[key]
        return next((r for r in self.results.values() if r.benchmark == key), None)


@dataclass
class Pair:
    jmh: str
    capi: str
    target: Optional[float]


class ReportError(Exception):
    """Input that cannot be read; the message says which file and line."""


_SKIPPED = re.compile(r"^#\s*skipped\s+(\S+?):\s*(.*)$")
_HEADER = re.compile(r"^#\s*capi_baseline\s+(.*)$")


def read_capi(lines, source="capi results") -> CapiRun:
    run = CapiRun()
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            skipped = _SKIPPED.match(line)
            header = _HEADER.match(line)
            if skipped:
                run.skipped[skipped.group(1)] = skipped.group(2)
            elif header:
                run.description = header.group(1)
            continue
        columns = line.split("\t")
        if len(columns) != 5:
            raise ReportError(f"{source}:{number}: expected 5 tab-separated columns, got {len(columns)}: {line!r}")
        try:
            result = CapiResult(columns[0], float(columns[1]), int(columns[2]), float(columns[3]), int(columns[4]))
        except ValueError as error:
            raise ReportError(f"{source}:{number}: {error}: {line!r}") from None
        run.results[result.name] = result
    return run


def bracket(before: CapiRun, after: CapiRun) -> CapiRun:
    """The C baseline run before and after JMH as one: each median the mean of the two, both kept."""
    run = CapiRun(before.description, {}, dict(before.skipped))
    for name, first in before.results.items():
        second = after.results.get(name)
        if second is None:
            run.results[name] = first
            continue
        run.results[name] = replace(first, ns_per_op=(first.ns_per_op + second.ns_per_op) / 2,
                                    best_ns_per_op=min(first.best_ns_per_op, second.best_ns_per_op),
                                    before_ns_per_op=first.ns_per_op, after_ns_per_op=second.ns_per_op)
    return run


def format_drift(drift: Optional[float]) -> str:
    return "" if drift is None else f"{drift:+.0%}"


_BENCHMARK_SUFFIX = re.compile(r"Benchmarks?$")


def jmh_key(benchmark: str, params: Optional[Dict[str, str]] = None) -> str:
    """io.pybridge.benchmarks.CallBenchmark.add -> call.add; parameters appended as [a=1,b=2] by name."""
    parts = benchmark.split(".")
    if len(parts) < 2:
        raise ReportError(f"JMH benchmark name without class and method: {benchmark!r}")
    group = _BENCHMARK_SUFFIX.sub("", parts[-2]) or parts[-2]
    key = f"{group[0].lower()}{group[1:]}.{parts[-1]}"
    if params:
        key += "[" + ",".join(f"{name}={params[name]}" for name in sorted(params)) + "]"
    return key


_TIME_UNITS = {"ns": 1.0, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "min": 60e9}


def ns_per_op(score: float, unit: str) -> float:
    """JMH's score in `unit` (time per op, or ops per time) as nanoseconds per operation."""
    numerator, _, denominator = unit.partition("/")
    if denominator == "op" and numerator in _TIME_UNITS:
        return score * _TIME_UNITS[numerator]
    if numerator == "ops" and denominator in _TIME_UNITS:
        if score <= 0:
            raise ReportError(f"a throughput of {score} {unit} has no time per operation")
        return _TIME_UNITS[denominator] / score
    raise ReportError(f"unknown JMH score unit {unit!r}")


def read_jmh(text: str, source="JMH results") -> JmhRun:
    try:
        entries = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as error:
        raise ReportError(f"{source}: not JSON: {error}") from None
    if not isinstance(entries, list):
        raise ReportError(f"{source}: expected a JSON list of JMH results")
    run = JmhRun()
    for entry in entries:
        try:
            metric = entry["primaryMetric"]
            key = jmh_key(entry["benchmark"], entry.get("params"))
            unit = metric["scoreUnit"]
            score = ns_per_op(float(metric["score"]), unit)
            error = metric.get("scoreError")
            error_ns = None
            if isinstance(error, (int, float)) and error == error and unit.endswith("/op"):
                error_ns = ns_per_op(float(error), unit)
        except (KeyError, TypeError, ValueError) as problem:
            raise ReportError(f"{source}: a result lacks or mangles {problem}") from None
        run.results[key] = JmhResult(key, entry["benchmark"], score, error_ns)
        if not run.jdk:
            run.jdk = " ".join(str(entry[k]) for k in ("jdkVersion", "vmName", "vmVersion") if entry.get(k))
    return run


def read_pairs(lines, source="pairs") -> List[Pair]:
    pairs = []
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        columns = line.split()
        if len(columns) != 3:
            raise ReportError(f"{source}:{number}: expected 'JMH-key C-baseline target', got {raw.strip()!r}")
        try:
            target = None if columns[2] == "-" else float(columns[2])
        except ValueError:
            raise ReportError(f"{source}:{number}: target must be a number or '-', got {columns[2]!r}") from None
        if target is not None and target <= 0:
            raise ReportError(f"{source}:{number}: target must be positive, got {columns[2]}")
        pairs.append(Pair(columns[0], columns[1], target))
    return pairs


def format_ns(ns: float) -> str:
    for limit, scale, unit in ((1e3, 1.0, "ns"), (1e6, 1e3, "µs"), (1e9, 1e6, "ms")):
        if ns < limit:
            return f"{ns / scale:.3g} {unit}" if ns / scale < 100 else f"{ns / scale:.0f} {unit}"
    return f"{ns / 1e9:.3g} s"


def _ratio_row(pair: Pair, capi: CapiRun, jmh: Optional[JmhRun]) -> List[str]:
    row = _ratio_cells(pair, capi, jmh)
    if _bracketed(capi):
        c_result = capi.results.get(pair.capi)
        row.insert(4, format_drift(c_result.drift()) if c_result else "")
    return row


def _bracketed(capi: CapiRun) -> bool:
    return any(r.after_ns_per_op is not None for r in capi.results.values())


def _ratio_cells(pair: Pair, capi: CapiRun, jmh: Optional[JmhRun]) -> List[str]:
    target = "-" if pair.target is None else f"{pair.target:g}x"
    c_result = capi.results.get(pair.capi)
    j_result = jmh.find(pair.jmh) if jmh else None
    if c_result is not None:
        c_cell = format_ns(c_result.ns_per_op)
    else:
        c_cell = "skipped" if pair.capi in capi.skipped else "not measured"
    if j_result is None:
        return [pair.jmh, pair.capi, "not measured", c_cell, "", target, ""]
    java = format_ns(j_result.ns_per_op)
    if j_result.error_ns is not None:
        java += f" ± {format_ns(j_result.error_ns)}"
    if c_result is None:
        return [pair.jmh, pair.capi, java, c_cell, "", target, ""]
    ratio = j_result.ns_per_op / c_result.ns_per_op
    verdict = "" if pair.target is None else ("within" if ratio <= pair.target else "**over**")
    return [pair.jmh, pair.capi, java, c_cell, f"{ratio:.2f}x", target, verdict]


def table(header: List[str], rows: List[List[str]]) -> List[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def render(capi: CapiRun, jmh: Optional[JmhRun], pairs: List[Pair], mode: str, generated: str, machine: str) -> str:
    out = ["# PyBridge benchmarks", ""]
    out.append(f"Written by `benchmarks/run.sh` ({mode} mode) on {generated}.")
    out.append("")
    out.append(f"- Machine: {machine}")
    out.append(f"- C API baseline: {capi.description or 'no description'}")
    out.append(f"- JMH: {jmh.jdk or 'no JDK named'}" if jmh else "- JMH: not run (no benchmarks in the jar yet)")
    if mode == "quick":
        out.append("- Quick mode: short rounds, for checking the pipeline; do not quote these figures.")
    out += ["", "## Ratios", "",
            "Java time per operation (JMH average) over the C API's (median of rounds), measured in this run. "
            "Lower is better; `target` is the largest ratio accepted (see `benchmarks/pairs.tsv`).", ""]
    header = ["JMH benchmark", "C baseline", "Java", "C", "ratio", "target", ""]
    if _bracketed(capi):
        out[-1:] = ["The C baseline ran before JMH and again after it; `C` is the mean of the two medians and "
                    "`C drift` how much slower (+) or faster the second run was. The host's speed moved by "
                    f"{_largest_drift(capi)} between them at most: where a row's drift is large, so is the "
                    "doubt on its ratio.", ""]
        header.insert(4, "C drift")
    rows = [_ratio_row(pair, capi, jmh) for pair in pairs]
    out += table(header, rows)

    if jmh:
        paired = {pair.jmh for pair in pairs}
        unpaired = [r for r in jmh.results.values() if r.key not in paired and r.benchmark not in paired]
        if unpaired:
            out += ["", "## JMH benchmarks without a C baseline", ""]
            out += table(["JMH benchmark", "key", "time per op"],
                         [[r.benchmark, r.key, format_ns(r.ns_per_op)] for r in unpaired])

    out += ["", "## C API baseline", "", "What each one does: `benchmarks/README.md`.", ""]
    c_rows = [[r.name, format_ns(r.ns_per_op), format_ns(r.best_ns_per_op), f"{r.iterations} x {r.rounds}"]
              for r in capi.results.values()]
    c_rows += [[name, "skipped", why, ""] for name, why in capi.skipped.items()]
    c_header = ["benchmark", "median", "best", "ops x rounds"]
    if _bracketed(capi):
        c_header += ["before JMH", "after JMH"]
        for row, r in zip(c_rows, capi.results.values()):
            row += [format_ns(r.before_ns_per_op), format_ns(r.after_ns_per_op)] if r.after_ns_per_op else ["", ""]
        for row in c_rows[len(capi.results):]:
            row += ["", ""]
    out += table(c_header, c_rows)
    return "\n".join(out) + "\n"


def _largest_drift(capi: CapiRun) -> str:
    drifts = [r.drift() for r in capi.results.values() if r.drift() is not None]
    return format_drift(max(drifts, key=abs)) if drifts else "nothing"


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as source:
            return source.read()
    except OSError as error:
        raise ReportError(f"cannot read {path}: {error.strerror}") from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--capi", required=True, help="output of capi_baseline")
    parser.add_argument("--capi-after", help="output of capi_baseline run again after JMH")
    parser.add_argument("--jmh", help="JMH results written with -rf json")
    parser.add_argument("--pairs", required=True, help="pairing of JMH benchmarks with C baselines")
    parser.add_argument("--mode", default="full", choices=("quick", "full"))
    parser.add_argument("--out", required=True, help="Markdown file to write")
    options = parser.parse_args(argv)
    try:
        capi = read_capi(_read(options.capi).splitlines(), options.capi)
        if options.capi_after:
            capi = bracket(capi, read_capi(_read(options.capi_after).splitlines(), options.capi_after))
        jmh = read_jmh(_read(options.jmh), options.jmh) if options.jmh else None
        pairs = read_pairs(_read(options.pairs).splitlines(), options.pairs)
    except ReportError as error:
        print(f"report.py: {error}", file=sys.stderr)
        return 1
    unknown = sorted({pair.capi for pair in pairs} - set(capi.results) - set(capi.skipped))
    if unknown:
        print(f"report.py: warning: {options.pairs} names C baselines this run did not produce: "
              f"{', '.join(unknown)}", file=sys.stderr)
    generated = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = render(capi, jmh, pairs, options.mode, generated, _machine())
    with open(options.out, "w", encoding="utf-8") as report:
        report.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
