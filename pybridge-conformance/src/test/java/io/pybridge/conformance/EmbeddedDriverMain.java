package io.pybridge.conformance;

import io.pybridge.PyObject;
import io.pybridge.Python;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded side, run in a child JVM: starts the interpreter, calls {@code parity_runner.main(argv)}
 * from a Java thread with a 16 MiB stack (the stack CPython's test suite expects of a main thread),
 * then closes the interpreter as a standalone process finalizes at exit.
 *
 * <p>Arguments: the runtime ({@code bundled}, or the path of a Python executable), the folder holding
 * {@code parity_runner.py}, then the driver's own arguments. Exit status 0 when the driver returned,
 * 3 when it raised, 4 when {@code close()} failed.
 */
public final class EmbeddedDriverMain {
    static final String DRIVER_FINISHED = "parity: driver finished";
    static final String CLOSED = "parity: interpreter closed";
    private static final long DRIVER_STACK_BYTES = 16L << 20;

    private EmbeddedDriverMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Python.Builder builder = Python.builder().modulePath(Path.of(args[1]));
        Python python = (args[0].equals("bundled") ? builder.bundled() : builder.executable(Path.of(args[0]))).start();
        List<String> driverArgs = Arrays.asList(args).subList(2, args.length);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread driver = new Thread(null, () -> {
            try {
                python.withGil(py -> {
                    try (PyObject runner = py.importModule("parity_runner");
                         PyObject ignored = runner.callMethod("main", driverArgs)) {
                        return null;
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "parity-driver", DRIVER_STACK_BYTES);
        driver.start();
        driver.join();
        if (failure.get() != null) {
            failure.get().printStackTrace();
            System.exit(3);
        }
        System.out.println(DRIVER_FINISHED);
        System.out.flush();
        try {
            python.close();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(4);
        }
        System.out.println(CLOSED);
        System.exit(0);
    }
}
