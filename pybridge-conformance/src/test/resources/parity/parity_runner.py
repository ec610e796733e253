"""Runs test suites and records every test's outcome as JSON lines, the same way standalone and embedded.

Standalone:  python3 parity_runner.py --out FILE [--path DIR]... unittest MODULE...
             python3 parity_runner.py --out FILE [--path DIR]... pytest [--package NAME] ARG...
Embedded:    parity_runner.main([...the same arguments...]) called from Java.

unittest mode loads each module as CPython's regrtest does (a module's test_main() when it has one,
else every test in the module, through test.support.run_unittest) with regrtest's default settings:
no optional resources (network, cpu, largefile...), quiet, in a temporary working directory.
Unlike regrtest it does not enable faulthandler or register signal handlers: embedded, those belong
to the JVM, and both sides must run the same way.

pytest mode runs pytest with a plugin that records each test; arguments naming a file or folder are resolved
against the directory of the package named by --package (e.g. numpy), which is also pytest's rootdir,
so test ids ("linalg/tests/test_linalg.py::TestX::test_y") do not depend on where it is installed.

Each line of the output file is one JSON object:
  {"event": "session", "python": "3.11.2", "thread": "...", "main_thread": true}
  {"event": "begin", "id": TEST_ID}
  {"event": "result", "id": TEST_ID, "outcome": OUTCOME, "seconds": 0.01, "detail": "..."}
  {"event": "end", "seconds": 12.3}      (or "driver_failed" when the driver itself raised)
OUTCOME is one of pass, fail, error, skip, xfail (expected failure), xpass (unexpected success).
A "begin" without a "result" is the test that was running when the process died or hung.
"""

import importlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback

DETAIL_LIMIT = 3000


class Recorder:
    """Writes one JSON line per event and flushes it at once, so a crash loses nothing written."""

    def __init__(self, path):
        self._file = open(path, "w", encoding="utf-8")
        self._lock = threading.Lock()
        self._began = {}

    def write(self, **record):
        line = json.dumps(record, ensure_ascii=True)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def begin(self, test_id):
        self._began[test_id] = time.perf_counter()
        self.write(event="begin", id=test_id)

    def result(self, test_id, outcome, detail=""):
        started = self._began.pop(test_id, None)
        seconds = 0.0 if started is None else round(time.perf_counter() - started, 4)
        if len(detail) > DETAIL_LIMIT:
            detail = "..." + detail[-DETAIL_LIMIT:]
        self.write(event="result", id=test_id, outcome=outcome, seconds=seconds, detail=detail)

    def close(self):
        self._file.close()


def _describe(exc_info):
    return "".join(traceback.format_exception(*exc_info)).strip()


def _unittest_result_class(recorder):
    import unittest

    class RecordingResult(unittest.TestResult):
        """Records each test once; a test whose subtests failed is recorded as failed."""

        def __init__(self):
            super().__init__()
            self._recorded = set()
            self._failed_subtests = {}

        def _record(self, test, outcome, detail=""):
            test_id = test.id()
            self._recorded.add(test_id)
            recorder.result(test_id, outcome, detail)

        def startTest(self, test):
            super().startTest(test)
            recorder.begin(test.id())

        def stopTest(self, test):
            super().stopTest(test)
            test_id = test.id()
            if test_id not in self._recorded:
                failed = self._failed_subtests.pop(test_id, None)
                if failed is not None:
                    self._record(test, *failed)
            self._recorded.discard(test_id)

        def addSuccess(self, test):
            super().addSuccess(test)
            self._record(test, "pass")

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._record(test, "fail", _describe(err))

        def addError(self, test, err):
            super().addError(test, err)
            self._record(test, "error", _describe(err))

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self._record(test, "skip", str(reason))

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            self._record(test, "xfail")

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self._record(test, "xpass")

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None and test.id() not in self._failed_subtests:
                outcome = "fail" if issubclass(err[0], test.failureException) else "error"
                self._failed_subtests[test.id()] = (outcome, subtest.id() + "\n" + _describe(err))

    return RecordingResult


def _run_unittest(recorder, modules):
    import unittest
    try:
        from test import support   # CPython's test suite; runtimes without it run plain unittest modules
    except ImportError:
        support = None

    result_class = _unittest_result_class(recorder)

    def run_suite(suite):
        result = result_class()
        suite.run(result)
        return result

    def run_doctest(module, verbosity=None, optionflags=0):
        import doctest
        result = run_suite(doctest.DocTestSuite(module, optionflags=optionflags))
        return len(result.failures) + len(result.errors), result.testsRun

    if support is not None:
        support.verbose = 0
        support.use_resources = []
        support.failfast = False
        support.record_original_stdout(sys.stdout)
        # run_unittest() looks _run_suite up when called; run_doctest is imported by name, so it is
        # replaced before the test modules are imported.
        support._run_suite = run_suite
        support.run_doctest = run_doctest

    for name in modules:
        try:
            sys.modules.pop(name, None)
            module = importlib.import_module(name)
            test_main = getattr(module, "test_main", None)
            if test_main is not None:
                test_main()
            else:
                loader = unittest.TestLoader()
                tests = loader.loadTestsFromModule(module)
                if loader.errors:
                    raise ImportError("errors while loading tests:\n" + "\n".join(loader.errors))
                if support is not None:
                    support.run_unittest(tests)
                else:
                    run_suite(tests)
        except unittest.SkipTest as skip:
            recorder.result(name, "skip", str(skip))
        except BaseException:
            recorder.result(name, "error", _describe(sys.exc_info()))


class _PytestRecorder:
    """A pytest plugin: one result per test id, the worst of its setup, call and teardown."""

    _RANK = {"pass": 0, "skip": 0, "xfail": 0, "xpass": 1, "fail": 2, "error": 3}

    def __init__(self, recorder):
        self._recorder = recorder
        self._outcomes = {}

    def pytest_sessionstart(self, session):
        import faulthandler
        self._recorder.write(event="pytest_session", faulthandler=faulthandler.is_enabled())

    def pytest_runtest_logstart(self, nodeid, location):
        self._recorder.begin(nodeid)

    def pytest_runtest_logreport(self, report):
        wasxfail = hasattr(report, "wasxfail")
        if report.failed:
            outcome = "fail" if report.when == "call" else "error"
        elif report.skipped:
            outcome = "xfail" if wasxfail else "skip"
        elif report.when == "call":
            outcome = "xpass" if wasxfail else "pass"
        else:
            return
        detail = "" if outcome in ("pass", "xfail", "xpass") else str(report.longreprtext)
        previous = self._outcomes.get(report.nodeid)
        if previous is None or self._RANK[outcome] > self._RANK[previous[0]]:
            self._outcomes[report.nodeid] = (outcome, detail)

    def pytest_runtest_logfinish(self, nodeid, location):
        outcome, detail = self._outcomes.pop(nodeid, ("error", "no report for this test"))
        self._recorder.result(nodeid, outcome, detail)

    def pytest_collectreport(self, report):
        if report.failed:
            self._recorder.result(report.nodeid or "<collection>", "error", str(report.longreprtext))


def _run_pytest(recorder, args):
    package_dir = None
    if args[:1] == ["--package"]:
        package = importlib.import_module(args[1])
        package_dir = os.path.dirname(package.__file__)
        args = args[2:]
    if package_dir is not None:
        args = [os.path.join(package_dir, a) if os.path.exists(os.path.join(package_dir, a)) else a for a in args]
        args.insert(0, "--rootdir=" + package_dir)   # test ids relative to the package, whatever its location
    import pytest
    code = pytest.main(list(args), plugins=[_PytestRecorder(recorder)])
    recorder.write(event="pytest_exit", code=int(code))


def main(argv):
    """Runs what argv asks and returns 0; a failing test does not change the exit status."""
    argv = list(argv)
    out = None
    paths = []
    while argv and argv[0].startswith("--"):
        option, value = argv[0], argv[1]
        argv = argv[2:]
        if option == "--out":
            out = value
        elif option == "--path":
            paths.append(value)
        else:
            raise SystemExit("unknown option " + option)
    if out is None or not argv:
        raise SystemExit(__doc__)
    mode, rest = argv[0], argv[1:]
    for path in reversed(paths):
        sys.path.insert(0, path)

    recorder = Recorder(out)
    current = threading.current_thread()
    recorder.write(event="session", python=sys.version.split()[0], executable=sys.executable,
                   thread=current.name, main_thread=current is threading.main_thread(), mode=mode)
    started = time.perf_counter()
    previous_dir = os.getcwd()
    work_dir = tempfile.mkdtemp(prefix="parity-")
    os.chdir(work_dir)
    completed = False
    try:
        if mode == "unittest":
            _run_unittest(recorder, rest)
        elif mode == "pytest":
            _run_pytest(recorder, rest)
        else:
            raise SystemExit("unknown mode " + mode)
        completed = True
    finally:
        os.chdir(previous_dir)
        shutil.rmtree(work_dir, ignore_errors=True)
        # "end" only when the driver itself did not fail: the Java side reads its absence as an incomplete run.
        recorder.write(event="end" if completed else "driver_failed", seconds=round(time.perf_counter() - started, 3))
        recorder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
