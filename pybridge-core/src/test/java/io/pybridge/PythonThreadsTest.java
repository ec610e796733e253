package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python threads started by code Java called are non-daemon threads, as threads started by a
 * standalone program's code are, and {@code close()} waits for them as standalone's exit does: their
 * work is not lost. Started from a platform thread, a virtual thread and a submitted call.
 */
class PythonThreadsTest {

    static final String WRITER = """
            import threading, time

            def write_later(path):
                time.sleep(0.5)
                with open(path + '.part', 'w') as f:
                    for i in range(10000):
                        f.write(f'{i}\\n')
                    f.write('complete\\n')
                __import__('os').replace(path + '.part', path)

            def start_writer(path):
                entered = threading.current_thread()
                thread = threading.Thread(target=write_later, args=(path,))
                thread.start()
                return f'entering thread daemon={entered.daemon}, started thread daemon={thread.daemon}'
            """;

    @Test
    void threadsStartedFromJavaCallsAreNonDaemonAndFinishBeforeClose() {
        ChildJvm.Result result = ChildJvm.of(StartThreadsThenClose.class).name("Python threads started from Java calls").run();
        result.assertSucceeded();
        String out = result.output();
        for (String from : new String[] {"platform thread", "virtual thread", "submit"}) {
            assertTrue(out.contains(from + ": entering thread daemon=False, started thread daemon=False"), out);
            assertTrue(out.contains(from + " file after close: complete"), out);
        }
        assertTrue(out.contains("executor left running: 42"), out);
        assertTrue(out.contains("closed: true"), out);
    }

    public static final class StartThreadsThenClose {
        public static void main(String[] args) throws Exception {
            Path dir = Files.createTempDirectory("pybridge-threads");
            // A close that had to wait for the executor's idle workers until its timeout would throw.
            Python python = Python.builder().closeTimeout(Duration.ofSeconds(20)).start();
            python.withGil(py -> {
                py.exec(WRITER);
                return null;
            });
            String platform = startWriter(python, dir.resolve("platform"));
            String[] virtual = new String[1];
            Thread.ofVirtual().start(() -> virtual[0] = startWriter(python, dir.resolve("virtual"))).join();
            String submitted = python.submit(py -> py.eval("start_writer").call(dir.resolve("submit").toString())
                    .as(String.class)).join();
            long answer = python.submit(py -> {
                py.exec("import concurrent.futures\nexecutor = concurrent.futures.ThreadPoolExecutor(2)");
                return py.eval("executor.submit(lambda: 6 * 7).result()").as(Long.class);
            }).join();
            python.close();
            System.out.println("platform thread: " + platform);
            System.out.println("virtual thread: " + virtual[0]);
            System.out.println("submit: " + submitted);
            System.out.println("executor left running: " + answer);
            for (String from : new String[] {"platform thread", "virtual thread", "submit"}) {
                Path file = dir.resolve(from.split(" ")[0]);
                String state = !Files.exists(file) ? "missing"
                        : Files.readString(file).endsWith("9999\ncomplete\n") ? "complete" : "incomplete";
                System.out.println(from + " file after close: " + state);
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
            System.out.println("closed: " + python.isClosed());
        }

        private static String startWriter(Python python, Path file) {
            return python.withGil(py -> py.eval("start_writer").call(file.toString()).as(String.class));
        }
    }
}
