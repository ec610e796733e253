"""Tests of report.py. Run: python3 -m unittest discover -s benchmarks/tools"""

import json
import os
import tempfile
import unittest

import report

CAPI_OUTPUT = """\
# capi_baseline python=3.11.7 libpython=/x/libpython3.11.so.1.0 executable=/x/python3 numpy=absent rounds=3 round_ms=10
# name\tns_per_op\titerations\tbest_ns_per_op\trounds
capi.call_add\t66.50\t144532\t66.10\t3
capi.memcpy_f32_1m\t120542.53\t78\t118352.29\t3
# skipped capi.numpy_view_1m: numpy is not importable (ModuleNotFoundError: No module named 'numpy')
"""


def jmh_entry(benchmark, score, unit="ns/op", error=1.5, params=None):
    entry = {
        "benchmark": benchmark,
        "mode": "avgt",
        "jdkVersion": "25",
        "vmName": "OpenJDK 64-Bit Server VM",
        "primaryMetric": {"score": score, "scoreError": error, "scoreUnit": unit},
    }
    if params:
        entry["params"] = params
    return entry


class ReadCapiTest(unittest.TestCase):
    def test_reads_results_skips_and_header(self):
        run = report.read_capi(CAPI_OUTPUT.splitlines())
        self.assertEqual(66.5, run.results["capi.call_add"].ns_per_op)
        self.assertEqual(144532, run.results["capi.call_add"].iterations)
        self.assertEqual(118352.29, run.results["capi.memcpy_f32_1m"].best_ns_per_op)
        self.assertIn("No module named 'numpy'", run.skipped["capi.numpy_view_1m"])
        self.assertTrue(run.description.startswith("python=3.11.7"))

    def test_names_the_line_of_a_broken_row(self):
        with self.assertRaisesRegex(report.ReportError, r"capi:2: expected 5"):
            report.read_capi(["# header", "capi.call_add\t66.5"], "capi")

    def test_rejects_a_row_with_a_non_number(self):
        with self.assertRaisesRegex(report.ReportError, r"capi:1: .*fast"):
            report.read_capi(["capi.call_add\tfast\t1\t1\t1"], "capi")


class JmhKeyTest(unittest.TestCase):
    def test_drops_package_and_benchmark_suffix(self):
        self.assertEqual("call.add", report.jmh_key("io.pybridge.benchmarks.CallBenchmark.add"))
        self.assertEqual("numpy.view1m", report.jmh_key("io.pybridge.benchmarks.NumpyBenchmarks.view1m"))

    def test_keeps_a_class_named_only_benchmark(self):
        self.assertEqual("benchmark.run", report.jmh_key("x.Benchmark.run"))

    def test_appends_parameters_sorted_by_name(self):
        key = report.jmh_key("p.StringBenchmark.roundTrip", {"chars": "16", "ascii": "true"})
        self.assertEqual("string.roundTrip[ascii=true,chars=16]", key)

    def test_rejects_a_name_without_method(self):
        with self.assertRaises(report.ReportError):
            report.jmh_key("add")


class NsPerOpTest(unittest.TestCase):
    def test_time_per_operation(self):
        self.assertEqual(5.0, report.ns_per_op(5.0, "ns/op"))
        self.assertEqual(2500.0, report.ns_per_op(2.5, "us/op"))
        self.assertEqual(3e6, report.ns_per_op(3.0, "ms/op"))

    def test_throughput_is_inverted(self):
        self.assertEqual(1e9 / 4, report.ns_per_op(4.0, "ops/s"))
        self.assertEqual(0.5, report.ns_per_op(2.0, "ops/ns"))

    def test_rejects_unknown_units(self):
        with self.assertRaisesRegex(report.ReportError, "B/op"):
            report.ns_per_op(1.0, "B/op")


class ReadJmhTest(unittest.TestCase):
    def test_reads_scores_as_ns_and_the_jdk(self):
        text = json.dumps([jmh_entry("io.pybridge.benchmarks.CallBenchmark.add", 0.12, "us/op", 0.01)])
        run = report.read_jmh(text)
        result = run.find("call.add")
        self.assertAlmostEqual(120.0, result.ns_per_op)
        self.assertAlmostEqual(10.0, result.error_ns)
        self.assertIn("25", run.jdk)
        self.assertIs(result, run.find("io.pybridge.benchmarks.CallBenchmark.add"))

    def test_a_missing_error_is_none(self):
        run = report.read_jmh(json.dumps([jmh_entry("a.CallBenchmark.add", 10.0, error="NaN")]))
        self.assertIsNone(run.find("call.add").error_ns)

    def test_rejects_an_entry_without_metric(self):
        with self.assertRaisesRegex(report.ReportError, "primaryMetric"):
            report.read_jmh(json.dumps([{"benchmark": "a.B.c"}]))

    def test_rejects_text_that_is_not_json(self):
        with self.assertRaisesRegex(report.ReportError, "not JSON"):
            report.read_jmh("{oops")


class ReadPairsTest(unittest.TestCase):
    def test_reads_targets_and_comments(self):
        pairs = report.read_pairs(["# comment", "", "call.add  capi.call_add  2.0  # scalar", "gil.x\tcapi.y\t-"])
        self.assertEqual([report.Pair("call.add", "capi.call_add", 2.0), report.Pair("gil.x", "capi.y", None)], pairs)

    def test_rejects_a_bad_target(self):
        with self.assertRaisesRegex(report.ReportError, r"pairs:1: target"):
            report.read_pairs(["call.add capi.call_add twice"], "pairs")
        with self.assertRaisesRegex(report.ReportError, "positive"):
            report.read_pairs(["call.add capi.call_add 0"])

    def test_rejects_a_missing_column(self):
        with self.assertRaisesRegex(report.ReportError, "expected"):
            report.read_pairs(["call.add capi.call_add"])

    def test_the_shipped_pairs_file_reads(self):
        path = os.path.join(os.path.dirname(__file__), "..", "pairs.tsv")
        with open(path, encoding="utf-8") as pairs_file:
            self.assertTrue(report.read_pairs(pairs_file.read().splitlines()))


class RenderTest(unittest.TestCase):
    def render(self, jmh_entries, pairs):
        capi = report.read_capi(CAPI_OUTPUT.splitlines())
        jmh = report.read_jmh(json.dumps(jmh_entries)) if jmh_entries is not None else None
        return report.render(capi, jmh, pairs, "full", "2025-01-01 00:00 UTC", "test machine")

    @staticmethod
    def row(text, first_cell):
        return next(line for line in text.splitlines() if line.startswith(f"| {first_cell} |"))

    def test_ratio_within_target(self):
        text = self.render([jmh_entry("p.CallBenchmark.add", 133.0)], [report.Pair("call.add", "capi.call_add", 2.0)])
        row = self.row(text, "call.add")
        self.assertIn("| 2.00x | 2x | within |", row)

    def test_ratio_over_target(self):
        text = self.render([jmh_entry("p.CallBenchmark.add", 140.0)], [report.Pair("call.add", "capi.call_add", 2.0)])
        self.assertIn("| 2.11x | 2x | **over** |", self.row(text, "call.add"))

    def test_pair_without_target_has_ratio_and_no_verdict(self):
        text = self.render([jmh_entry("p.CallBenchmark.add", 133.0)], [report.Pair("call.add", "capi.call_add", None)])
        self.assertIn("| 2.00x | - |  |", self.row(text, "call.add"))

    def test_unmeasured_and_skipped_sides_are_said(self):
        pairs = [report.Pair("call.add", "capi.call_add", 2.0), report.Pair("numpy.view1m", "capi.numpy_view_1m", 2.0)]
        text = self.render([jmh_entry("p.NumpyBenchmark.view1m", 50.0)], pairs)
        self.assertIn("not measured", self.row(text, "call.add"))
        self.assertIn("| skipped |", self.row(text, "numpy.view1m"))

    def test_lists_jmh_benchmarks_that_have_no_pair(self):
        text = self.render([jmh_entry("p.OtherBenchmark.thing", 5.0)], [])
        self.assertIn("## JMH benchmarks without a C baseline", text)
        self.assertIn("other.thing", text)

    def test_without_jmh_the_c_baseline_is_still_reported(self):
        text = self.render(None, [report.Pair("call.add", "capi.call_add", 2.0)])
        self.assertIn("JMH: not run", text)
        self.assertIn("| capi.call_add | 66.5 ns | 66.1 ns | 144532 x 3 |", text)
        self.assertIn("| capi.memcpy_f32_1m | 121 µs |", text)
        self.assertIn("| capi.numpy_view_1m | skipped |", text)


CAPI_AFTER = """\
capi.call_add\t99.75\t100000\t60.00\t3
"""


class BracketTest(unittest.TestCase):
    def bracketed(self):
        return report.bracket(report.read_capi(CAPI_OUTPUT.splitlines()), report.read_capi(CAPI_AFTER.splitlines()))

    def test_the_c_side_is_the_mean_of_both_runs_and_the_drift_is_kept(self):
        run = self.bracketed()
        add = run.results["capi.call_add"]
        self.assertAlmostEqual(83.125, add.ns_per_op)
        self.assertEqual(60.0, add.best_ns_per_op)
        self.assertAlmostEqual(0.5, add.drift())
        self.assertIsNone(run.results["capi.memcpy_f32_1m"].drift(), "measured once: no drift to tell")
        self.assertIn("capi.numpy_view_1m", run.skipped)

    def test_the_report_shows_the_drift_beside_each_ratio_and_both_runs(self):
        jmh = report.read_jmh(json.dumps([jmh_entry("p.CallBenchmark.add", 166.25)]))
        text = report.render(self.bracketed(), jmh, [report.Pair("call.add", "capi.call_add", 2.0)], "full",
                             "2025-01-01 00:00 UTC", "test machine")
        self.assertIn("| call.add | capi.call_add | 166 ns ± 1.5 ns | 83.1 ns | +50% | 2.00x | 2x | within |", text)
        self.assertIn("moved by +50% between them at most", text)
        self.assertIn("| capi.call_add | 83.1 ns | 60 ns | 144532 x 3 | 66.5 ns | 99.8 ns |", text)


class MainTest(unittest.TestCase):
    def test_writes_the_report_file(self):
        with tempfile.TemporaryDirectory() as folder:
            capi = os.path.join(folder, "capi.tsv")
            pairs = os.path.join(folder, "pairs.tsv")
            jmh = os.path.join(folder, "jmh.json")
            out = os.path.join(folder, "BENCHMARKS.md")
            with open(capi, "w", encoding="utf-8") as f:
                f.write(CAPI_OUTPUT)
            with open(pairs, "w", encoding="utf-8") as f:
                f.write("call.add capi.call_add 2.0\n")
            with open(jmh, "w", encoding="utf-8") as f:
                json.dump([jmh_entry("p.CallBenchmark.add", 100.0)], f)
            self.assertEqual(0, report.main(["--capi", capi, "--jmh", jmh, "--pairs", pairs, "--out", out]))
            with open(out, encoding="utf-8") as f:
                self.assertIn("| call.add | capi.call_add | 100 ns ± 1.5 ns | 66.5 ns | 1.50x | 2x | within |", f.read())

    def test_a_missing_input_is_an_error_not_a_traceback(self):
        with tempfile.TemporaryDirectory() as folder:
            missing = os.path.join(folder, "none.tsv")
            code = report.main(["--capi", missing, "--pairs", missing, "--out", os.path.join(folder, "o.md")])
            self.assertEqual(1, code)


if __name__ == "__main__":
    unittest.main()
