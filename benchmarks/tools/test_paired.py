"""Tests of paired.py. Run: python3 -m unittest discover -s benchmarks/tools"""

import contextlib
import io
import json
import os
import tempfile
import unittest

import paired
import report
from test_report import jmh_entry

PAIRS = """\
call.add        capi.call_add        2.0
call.add        capi.call_noop       -
string.echo     capi.str_ascii_16    -
"""


def capi_line(name, ns):
    return f"# capi_baseline python=3.11.7\n{name}\t{ns}\t1000\t{ns}\t10\n"


class PairedTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.pairs = report.read_pairs(PAIRS.splitlines())

    def write_round(self, key, number, c_before, java, c_after, benchmark="io.pybridge.benchmarks.CallBenchmark.add",
                    c_name="capi.call_add", parts=("before.tsv", "jmh.json", "after.tsv")):
        folder = os.path.join(self.dir, key)
        os.makedirs(folder, exist_ok=True)
        contents = {"before.tsv": capi_line(c_name, c_before), "after.tsv": capi_line(c_name, c_after),
                    "jmh.json": json.dumps([jmh_entry(benchmark, java)])}
        for part in parts:
            with open(os.path.join(folder, f"{number}.{part}"), "w", encoding="utf-8") as out:
                out.write(contents[part])

    def test_each_round_is_java_over_the_mean_of_the_c_runs_around_it(self):
        self.write_round("call.add", 1, 100.0, 300.0, 200.0)
        self.write_round("call.add", 2, 50.0, 100.0, 50.0)
        self.write_round("call.add", 3, 100.0, 150.0, 100.0)
        rounds = paired.read_rounds(self.dir, paired.pair_of("call.add", self.pairs))
        self.assertEqual([2.0, 2.0, 1.5], [r.ratio for r in rounds])
        cells = paired.row(paired.pair_of("call.add", self.pairs), rounds)
        self.assertEqual(["call.add", "capi.call_add", "3"], cells[:3])
        self.assertEqual("2.00x (1.50–2.00)", cells[5])
        self.assertEqual(["2x", "within"], cells[6:])

    def test_a_median_past_the_target_is_over(self):
        self.write_round("call.add", 1, 100.0, 250.0, 100.0)
        cells = paired.row(paired.pair_of("call.add", self.pairs),
                           paired.read_rounds(self.dir, paired.pair_of("call.add", self.pairs)))
        self.assertEqual("**over**", cells[7])

    def test_a_round_missing_a_file_is_left_out(self):
        self.write_round("call.add", 1, 100.0, 200.0, 100.0)
        self.write_round("call.add", 2, 100.0, 900.0, 100.0, parts=("before.tsv", "jmh.json"))
        rounds = paired.read_rounds(self.dir, paired.pair_of("call.add", self.pairs))
        self.assertEqual([2.0], [r.ratio for r in rounds])

    def test_the_pairing_with_a_target_is_chosen_and_an_unknown_key_named(self):
        self.assertEqual("capi.call_add", paired.pair_of("call.add", self.pairs).capi)
        self.assertEqual("capi.str_ascii_16", paired.pair_of("string.echo", self.pairs).capi)
        with self.assertRaisesRegex(report.ReportError, "call.nothing: not in the pairs file"):
            paired.pair_of("call.nothing", self.pairs)

    def test_a_round_without_the_c_result_names_what_is_missing(self):
        self.write_round("call.add", 1, 100.0, 200.0, 100.0, c_name="capi.call_noop")
        with self.assertRaisesRegex(report.ReportError, "round 1 of call.add: no result for capi.call_add"):
            paired.read_rounds(self.dir, paired.pair_of("call.add", self.pairs))

    def test_main_names_the_baseline_of_a_key_or_fails_for_an_unknown_one(self):
        pairs_file = os.path.join(self.dir, "pairs.tsv")
        with open(pairs_file, "w", encoding="utf-8") as out:
            out.write(PAIRS)
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            self.assertEqual(0, paired.main(["--pairs", pairs_file, "--baseline-of", "call.add"]))
        self.assertEqual("capi.call_add\n", printed.getvalue())
        with contextlib.redirect_stderr(io.StringIO()) as complaint:
            self.assertEqual(1, paired.main(["--pairs", pairs_file, "--baseline-of", "call.nothing"]))
        self.assertIn("call.nothing: not in the pairs file", complaint.getvalue())

    def test_main_writes_a_table_row_per_key(self):
        self.write_round("call.add", 1, 100.0, 200.0, 100.0)
        pairs_file = os.path.join(self.dir, "pairs.tsv")
        with open(pairs_file, "w", encoding="utf-8") as out:
            out.write(PAIRS)
        out_file = os.path.join(tempfile.mkdtemp(), "paired.md")
        self.assertEqual(0, paired.main(["--pairs", pairs_file, "--dir", self.dir, "--out", out_file,
                                         "--command", "benchmarks/paired.sh call.add"]))
        with open(out_file, encoding="utf-8") as text:
            written = text.read()
        self.assertIn("`benchmarks/paired.sh call.add`", written)
        self.assertIn("| call.add | capi.call_add | 1 | 200 ns | 100 ns | 2.00x (2.00–2.00) | 2x | within |", written)


if __name__ == "__main__":
    unittest.main()
