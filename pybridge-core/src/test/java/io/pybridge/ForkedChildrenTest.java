package io.pybridge;

import io.pybridge.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes Python makes inside the JVM get what a standalone Python's get: children of {@code os.fork()}
 * (multiprocessing's fork start method) the default signal dispositions and an empty mask, so that
 * {@code Process.terminate()} ends them; spawned programs (subprocess, os.system, os.posix_spawn) an
 * empty signal mask, not the JVM's, which blocks SIGQUIT. The same script runs standalone and embedded
 * (from a platform thread and from a virtual thread) in a child JVM, which compares the results.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ForkedChildrenTest {

    static final String SCRIPT = """
            import faulthandler, multiprocessing, os, shlex, signal, subprocess, sys, tempfile, time, warnings
            warnings.simplefilter('ignore', DeprecationWarning)  # 3.12+: fork in a multi-threaded process
            fork = multiprocessing.get_context('fork')
            faulthandler.dump_traceback_later(90, exit=False)  # where it waits, should a child never answer
            lines = []

            def handler_name(handler):
                if handler is signal.default_int_handler:
                    return 'default_int_handler'
                if handler in (signal.SIG_DFL, signal.SIG_IGN):
                    return signal.Handlers(handler).name
                return repr(handler)

            def signal_state():
                blocked = sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, ()))
                handlers = ' '.join(f'{name}={handler_name(signal.getsignal(getattr(signal, name)))}'
                                    for name in ('SIGTERM', 'SIGINT', 'SIGPIPE', 'SIGXFSZ', 'SIGHUP', 'SIGSEGV', 'SIGQUIT'))
                return f'blocked={blocked} {handlers}'

            def report(queue):
                queue.put(signal_state())

            def wait_forever(started):
                started.set()
                while True:
                    time.sleep(0.05)

            def square(x):
                return x * x

            queue = fork.Queue()
            child = fork.Process(target=report, args=(queue,))
            child.start()
            lines.append('fork child: ' + queue.get(timeout=60))
            child.join(60)

            started = fork.Event()
            child = fork.Process(target=wait_forever, args=(started,))
            child.start()
            started.wait(60)
            child.terminate()
            child.join(30)
            lines.append(f'terminated child: exitcode {child.exitcode}')
            if child.exitcode is None:
                child.kill()
                child.join()

            pool = fork.Pool(2)
            lines.append(f'pool results: {pool.map_async(square, range(8)).get(60)}')
            pool.terminate()
            pool.join()
            lines.append('pool terminated')

            def spawned_mask(spawn):
                with tempfile.TemporaryDirectory() as folder:
                    out = os.path.join(folder, 'mask')
                    # The file is closed explicitly: a debug build warns about a file left to the GC (ResourceWarning).
                    code = ('import signal\\nwith open(%r, "w") as f: f.write(str(sorted(int(s) for s in '
                            'signal.pthread_sigmask(signal.SIG_BLOCK, ()))))' % out)
                    spawn([sys.executable, '-c', code])
                    with open(out) as f:
                        return f.read()

            lines.append('subprocess child: blocked=' + spawned_mask(lambda argv: subprocess.run(argv, check=True)))
            lines.append('os.system child: blocked=' + spawned_mask(lambda argv: os.system(shlex.join(argv))))
            lines.append('posix_spawn child: blocked=' + spawned_mask(
                lambda argv: os.waitpid(os.posix_spawn(argv[0], argv, os.environ), 0)))
            faulthandler.cancel_dump_traceback_later()
            result = '\\n'.join(lines)
            """;

    @Test
    void forkedAndSpawnedChildrenLookLikeStandalonePythonsChildren() {
        ChildJvm.Result result = ChildJvm.of(CompareWithStandalone.class).name("fork and spawn from the JVM")
                .timeout(Duration.ofSeconds(150)).run();
        result.assertSucceeded();
        String out = result.output();
        assertTrue(out.contains("platform thread: terminated child: exitcode -15"), out);
        assertTrue(out.contains("virtual thread: terminated child: exitcode -15"), out);
        assertTrue(out.contains("platform thread: pool results: [0, 1, 4, 9, 16, 25, 36, 49]"), out);
        assertTrue(out.contains("platform thread: subprocess child: blocked=[]"), out);
        // SIGINT's disposition is inherited (ignored under nohup or in a background job), so it is compared
        // with standalone's below, not named here.
        assertTrue(out.contains("platform thread: fork child: blocked=[] SIGTERM=SIG_DFL SIGINT="), out);
        assertTrue(out.contains(" SIGPIPE=SIG_IGN"), out);
        assertTrue(out.contains("same as standalone: true"), out);
    }

    public static final class CompareWithStandalone {
        public static void main(String[] args) throws Exception {
            Python python = Python.start();
            String standalone = standalone(python.runtime().executable().toString());
            String onPlatform = embedded(python);
            String[] onVirtual = new String[1];
            Thread.ofVirtual().start(() -> onVirtual[0] = embedded(python)).join();
            python.close();
            print("standalone", standalone);
            print("platform thread", onPlatform);
            print("virtual thread", onVirtual[0]);
            System.out.println("same as standalone: " + (standalone.equals(onPlatform) && standalone.equals(onVirtual[0])));
        }

        private static String embedded(Python python) {
            return python.withGil(py -> {
                py.exec(SCRIPT);
                return py.eval("result").as(String.class);
            });
        }

        private static String standalone(String executable) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(executable, "-c", SCRIPT + "\nprint(result)").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("standalone " + executable + " failed:\n" + output);
            }
            return output;
        }

        private static void print(String where, String lines) {
            for (String line : lines.split("\n")) {
                System.out.println(where + ": " + line);
            }
        }
    }

    @Test
    void aSignalSentAtOnceToANewChildFindsStandaloneDispositions() {
        ChildJvm.Result result = ChildJvm.of(TerminateAtOnce.class).name("SIGTERM at once to fresh fork children").run()
                .assertSucceeded();
        assertTrue(result.output().contains("survivors: 0 of 200"), result.output());
    }

    /**
     * Pool.terminate() may SIGTERM a worker forked an instant earlier: the signal must not reach the JVM's
     * handler, which does nothing in a child, before the child's dispositions are standalone Python's.
     */
    public static final class TerminateAtOnce {
        public static void main(String[] args) {
            Python python = Python.start();
            String survivors = python.withGil(py -> {
                py.exec("""
                        import os, signal, time, warnings
                        warnings.simplefilter('ignore', DeprecationWarning)
                        survivors = 0
                        for _ in range(200):
                            pid = os.fork()
                            if pid == 0:
                                time.sleep(0.3)
                                os._exit(0)
                            os.kill(pid, signal.SIGTERM)
                            _, status = os.waitpid(pid, 0)
                            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM):
                                survivors += 1
                        """);
                return py.eval("survivors").repr();
            });
            System.out.println("survivors: " + survivors + " of 200");
            python.close();
        }
    }
}
