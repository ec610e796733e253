package io.pybridge.conformance;

import java.nio.file.Path;
import java.util.Map;

/**
 * One Python, as the two sides run it.
 *
 * @param embedded             how the child JVM starts it: {@code "bundled"} or an executable's path
 * @param executable           the same interpreter's executable, for the standalone side
 * @param standaloneEnvironment what the standalone process needs on top of the inherited environment
 *                             (the bundled runtime's {@code PYTHONHOME} and {@code LD_LIBRARY_PATH})
 */
record RuntimeUnderTest(String embedded, Path executable, Map<String, String> standaloneEnvironment) {
}
