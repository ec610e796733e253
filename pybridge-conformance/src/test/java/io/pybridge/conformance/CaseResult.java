package io.pybridge.conformance;

/** One test's outcome, its time in seconds, and for failures and skips the traceback or reason. */
record CaseResult(Outcome outcome, double seconds, String detail) {
}
