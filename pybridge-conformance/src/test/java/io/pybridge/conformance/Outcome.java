package io.pybridge.conformance;

import java.util.Locale;

/** How one test ended, as {@code parity_runner.py} records it. */
enum Outcome {
    PASS, FAIL, ERROR, SKIP,
    /** An expected failure ({@code unittest.expectedFailure}, {@code pytest.mark.xfail}). */
    XFAIL,
    /** An unexpected success of a test expected to fail. */
    XPASS,
    /** Began but never ended: the process crashed or hung during this test. */
    UNFINISHED;

    static Outcome parse(String recorded) {
        try {
            return valueOf(recorded.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown outcome: " + recorded, e);
        }
    }

    /** A failure, an error, or a test that never ended. */
    boolean failed() {
        return this == FAIL || this == ERROR || this == UNFINISHED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
