package io.pybridge.benchmarks;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.internal.discovery.DiscoveryRequest;
import io.pybridge.internal.discovery.ResolvedPython;
import io.pybridge.internal.discovery.RuntimeDiscovery;
import io.pybridge.internal.runtime.Interpreter;
import io.pybridge.internal.runtime.StartClasses;
import org.slf4j.LoggerFactory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where one fresh start spends its time, step by step (what {@code benchmarks/startup.sh} reports under
 * its main table). Run on the class path, where the internal steps {@code Python.start()} takes are
 * reachable. Prints one tab-separated line of milliseconds:
 * <ul>
 *   <li>{@code bridge} mode: discovery in the fresh JVM, the same discovery again, {@code Interpreter.start}
 *       (libpython loaded, bindings, {@code Py_InitializeEx}, process parity, start-up script), the public
 *       {@code Python} made over it, then the import of {@code bench_target} and {@code add(1, 2)};</li>
 *   <li>{@code jdk} mode, in a JVM of its own: SLF4J's initialization, the FFM linker's first downcall
 *       handle and a second one of another shape (the JDK's share, without the bridge).</li>
 * </ul>
 *
 * <pre>java -Xss8m --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.pybridge.benchmarks.StartupPhases bridge|jdk MODULE_DIR</pre>
 */
public final class StartupPhases {
    private StartupPhases() {
    }

    public static void main(String[] args) throws Throwable {
        long[] marks = args[0].equals("jdk") ? jdk() : bridge(Path.of(args[1]));
        StringBuilder line = new StringBuilder();
        for (int i = 1; i < marks.length; i++) {
            line.append(i > 1 ? "\t" : "").append(String.format("%.1f", (marks[i] - marks[i - 1]) / 1e6));
        }
        System.out.println(line);
    }

    private static long[] bridge(Path moduleDir) {
        long[] marks = new long[6];
        marks[0] = System.nanoTime();
        StartClasses.preloadInBackground();   // as Python.start() does first
        ResolvedPython resolved = RuntimeDiscovery.standard().discover(DiscoveryRequest.automatic());
        marks[1] = System.nanoTime();
        RuntimeDiscovery.standard().discover(DiscoveryRequest.automatic());
        marks[2] = System.nanoTime();
        Interpreter.start(resolved);
        marks[3] = System.nanoTime();
        Python python = Python.builder().modulePath(moduleDir).start();
        marks[4] = System.nanoTime();
        long result = python.withGil(py -> {
            try (PyObject module = py.importModule("bench_target"); PyObject sum = module.callMethod("add", 1, 2)) {
                return sum.as(Long.class);
            }
        });
        marks[5] = System.nanoTime();
        if (result != 3) {
            throw new AssertionError("add(1, 2) returned " + result);
        }
        return marks;
    }

    private static long[] jdk() throws Throwable {
        long[] marks = new long[4];
        marks[0] = System.nanoTime();
        LoggerFactory.getLogger(StartupPhases.class);
        marks[1] = System.nanoTime();
        Linker linker = Linker.nativeLinker();
        int pid = (int) linker.downcallHandle(linker.defaultLookup().find("getpid").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT)).invokeExact();
        marks[2] = System.nanoTime();
        long absolute = (long) linker.downcallHandle(linker.defaultLookup().find("labs").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)).invokeExact((long) -pid);
        marks[3] = System.nanoTime();
        if (absolute != pid) {
            throw new AssertionError("labs(" + -pid + ") returned " + absolute);
        }
        return marks;
    }
}
