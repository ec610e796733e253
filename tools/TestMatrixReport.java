import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the surefire reports of every pass of bin/test's version matrix and prints one table: per
 * interpreter, the test classes, tests run, skipped and failed, and the time. Exits non-zero when a
 * test failed, when a pass that should have run left no reports, when a core pass lacks test classes
 * the others ran (its JVM died), or when a test was skipped for a reason that does not hold there
 * (numpy tests skipped where numpy is importable, a "needs Python 3.12+" skip on 3.14, ...).
 *
 * <p>Usage: {@code java tools/TestMatrixReport.java target/test-matrix/plan.tsv}. Each plan line: kind
 * ({@code core} for a pass of the whole core suite, {@code module} for other modules' tests), pass name,
 * report folders (comma-separated), interpreter, major.minor version, importable modules (comma-separated,
 * {@code -} for none; {@code pydebug} marks a debug build). Runs with the JDK alone: a fresh machine has no Python.
 */
public class TestMatrixReport {

    /**
     * @param core whether the pass runs the whole core suite (every core pass must report the same classes)
     */
    record Pass(boolean core, String name, List<Path> reportDirs, String interpreter, String version, Set<String> modules) {
        boolean atLeast(int minor) {
            return Integer.parseInt(version.substring(version.indexOf('.') + 1)) >= minor;
        }

        boolean has(String module) {
            return modules.contains(module);
        }
    }

    record Skip(String test, String reason) {
    }

    record Failure(String test, String message) {
    }

    static final class Totals {
        final Set<String> classes = new TreeSet<>();
        int tests;
        int skipped;
        /** By why the skip is right there. */
        final Map<String, List<Skip>> expectedSkips = new TreeMap<>();
        final List<Skip> unexpectedSkips = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        long firstStartMillis = Long.MAX_VALUE;
        long lastWriteMillis;
    }

    /** A reason a test may be skipped, and where that reason is true. */
    record Rule(Pattern reason, BiPredicate<Pass, Matcher> holds, String explanation) {
    }

    static final List<String> NVML_FOLDERS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/lib", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib", "/run/opengl-driver/lib");

    static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("numpy is not (installed|importable)|needs numpy|no single-phase extension module is installed"),
                    (pass, m) -> !pass.has("numpy"), "numpy is not importable there"),
            new Rule(Pattern.compile("sys.gettotalrefcount exists only in debug builds"), (pass, m) -> !pass.has("pydebug"),
                    "not a debug build"),
            new Rule(Pattern.compile("the de_DE.UTF-8 locale is not installed"), (pass, m) -> !localeInstalled("de_DE"),
                    "this machine has no de_DE.UTF-8 locale"),
            new Rule(Pattern.compile("CPython standalone-parity suite SKIPPED"),
                    (pass, m) -> !Files.isExecutable(Path.of("/usr/bin/python3.11"))
                            || !Files.exists(Path.of("/usr/lib/python3.11/test/test_json/__init__.py")),
                    "Debian's python3.11 or its test suite is not installed"),
            new Rule(Pattern.compile("numpy standalone-parity suite SKIPPED: pytest is not available: no (.+?) in (/\\S+)"),
                    (pass, m) -> Arrays.stream(m.group(1).split(", ")).anyMatch(name -> !Files.exists(Path.of(m.group(2), name))),
                    "Debian's pytest is not installed"),
            new Rule(Pattern.compile("torch is not importable"), (pass, m) -> !pass.has("torch"), "torch is not installed there"),
            new Rule(Pattern.compile("scikit-learn is not importable"), (pass, m) -> !pass.has("sklearn"),
                    "scikit-learn is not installed there"),
            new Rule(Pattern.compile("pandas is not (importable|installed)"), (pass, m) -> !pass.has("pandas"),
                    "pandas is not installed there"),
            new Rule(Pattern.compile("pyarrow is not installed"), (pass, m) -> !pass.has("pyarrow"), "pyarrow is not installed there"),
            new Rule(Pattern.compile("needs Python 3\\.12\\+"), (pass, m) -> !pass.atLeast(12), "sub-interpreters with their own GIL need 3.12+"),
            new Rule(Pattern.compile("this Python has per-interpreter GILs"), (pass, m) -> pass.atLeast(12), "a test of 3.11's refusal"),
            new Rule(Pattern.compile("gcc is not on the PATH"), (pass, m) -> onPath("gcc") == null, "no gcc on this machine"),
            new Rule(Pattern.compile("python3 is on PATH"), (pass, m) -> onPath("python3") == null, "no python3 on the PATH"),
            new Rule(Pattern.compile("(/\\S+) exists on this machine"), (pass, m) -> !Files.isExecutable(Path.of(m.group(1))),
                    "that interpreter is not installed here"),
            new Rule(Pattern.compile("this machine has (a GPU|libnvidia-ml)"), (pass, m) -> nvmlInstalled(),
                    "this machine has NVML; the GPU branch runs instead"),
            new Rule(Pattern.compile("needs root"), (pass, m) -> !System.getProperty("user.name").equals("root"), "not root"),
            new Rule(Pattern.compile("Linux places"), (pass, m) -> !System.getProperty("os.name").startsWith("Linux"), "not Linux"));

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java tools/TestMatrixReport.java PLAN.tsv");
            System.exit(2);
        }
        List<Pass> passes = readPlan(Path.of(args[0]));
        Map<Pass, Totals> totals = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (passes.isEmpty()) {
            problems.add(args[0] + " lists no passes");
        }
        for (Pass pass : passes) {
            Totals t = new Totals();
            for (Path dir : pass.reportDirs()) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path xml : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                        read(xml, pass, t);
                    }
                }
            }
            if (t.classes.isEmpty()) {
                problems.add(pass.name() + ": no test reports in " + pass.reportDirs() + " (the pass did not run)");
            }
            totals.put(pass, t);
        }
        checkCorePassesRanTheSameClasses(totals, problems);
        print(totals, problems);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    static List<Pass> readPlan(Path plan) throws IOException {
        List<Pass> passes = new ArrayList<>();
        for (String line : Files.readAllLines(plan)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6 || !(f[0].equals("core") || f[0].equals("module"))) {
                throw new IllegalArgumentException("bad plan line (want core|module and 5 more tab-separated fields): " + line);
            }
            List<Path> dirs = Arrays.stream(f[2].split(",")).map(Path::of).toList();
            Set<String> modules = f[5].equals("-") || f[5].isEmpty() ? Set.of() : Set.of(f[5].split(","));
            passes.add(new Pass(f[0].equals("core"), f[1], dirs, f[3], f[4], modules));
        }
        return passes;
    }

    static void read(Path xml, Pass pass, Totals t) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        t.classes.add(suite.getAttribute("name").replaceAll("\\(.*\\)$", ""));
        t.tests += Integer.parseInt(suite.getAttribute("tests"));
        // A report is written when its class finishes: the pass began no later than the earliest of
        // (written - that class's own time), and ended when its last report was written.
        long written = Files.getLastModifiedTime(xml).toMillis();
        double seconds = Double.parseDouble(suite.getAttribute("time").replace(",", ""));
        t.lastWriteMillis = Math.max(t.lastWriteMillis, written);
        t.firstStartMillis = Math.min(t.firstStartMillis, written - Math.round(seconds * 1000));
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String test = c.getAttribute("classname").replaceAll("\\(.*\\)$", "").replaceAll(".*\\.", "")
                    + "." + c.getAttribute("name");
            for (String kind : List.of("failure", "error")) {
                NodeList found = c.getElementsByTagName(kind);
                if (found.getLength() > 0) {
                    Element e = (Element) found.item(0);
                    String message = e.getAttribute("message");
                    t.failures.add(new Failure(test, firstLine(message.isEmpty() ? e.getTextContent() : message)));
                }
            }
            NodeList skipped = c.getElementsByTagName("skipped");
            if (skipped.getLength() > 0) {
                t.skipped++;
                Element s = (Element) skipped.item(0);
                String reason = s.getAttribute("message").isEmpty() ? s.getTextContent() : s.getAttribute("message");
                reason = firstLine(reason.replaceFirst("^.*?Assumption failed: ", ""));
                Skip skip = new Skip(test, reason);
                String why = expected(pass, reason);
                if (why != null) {
                    t.expectedSkips.computeIfAbsent(why, w -> new ArrayList<>()).add(skip);
                } else {
                    t.unexpectedSkips.add(skip);
                }
            }
        }
    }

    /** Why the skip is right on this pass, or null when it is not. */
    static String expected(Pass pass, String reason) {
        for (Rule rule : RULES) {
            Matcher m = rule.reason().matcher(reason);
            if (m.find()) {
                return rule.holds().test(pass, m) ? rule.explanation() : null;
            }
        }
        return null;
    }

    /** Every core pass runs the same test jar: a class one pass lacks means its JVM died before reporting it. */
    static void checkCorePassesRanTheSameClasses(Map<Pass, Totals> totals, List<String> problems) {
        Set<String> union = new TreeSet<>();
        List<Pass> core = totals.keySet().stream().filter(Pass::core).toList();
        core.forEach(p -> totals.get(p).classes.stream().filter(c -> !c.startsWith("io.pybridge.python.")).forEach(union::add));
        for (Pass pass : core) {
            Set<String> missing = new TreeSet<>(union);
            missing.removeAll(totals.get(pass).classes);
            if (!missing.isEmpty() && !totals.get(pass).classes.isEmpty()) {
                problems.add(pass.name() + ": no reports for " + missing + " (the test JVM may have died)");
            }
        }
    }

    static void print(Map<Pass, Totals> totals, List<String> problems) {
        System.out.println();
        System.out.println("== Test matrix: tests per interpreter");
        String format = "%-28s %-50s %7s %6s %6s %8s %7s %8s%n";
        System.out.printf(format, "pass", "interpreter", "classes", "tests", "passed", "skipped", "failed", "time");
        int[] sum = new int[5];
        for (Map.Entry<Pass, Totals> e : totals.entrySet()) {
            Pass p = e.getKey();
            Totals t = e.getValue();
            int failed = t.failures.size();
            int passed = t.tests - t.skipped - failed;
            String interpreter = p.interpreter() + " [" + p.version() + (p.modules().isEmpty() ? "" : "; " + String.join(",", new TreeSet<>(p.modules()))) + "]";
            System.out.printf(format, p.name(), abbreviate(interpreter, 50), t.classes.size(), t.tests, passed,
                    t.skipped + (t.unexpectedSkips.isEmpty() ? "" : "!"), failed, time(t));
            sum[0] += t.classes.size();
            sum[1] += t.tests;
            sum[2] += passed;
            sum[3] += t.skipped;
            sum[4] += failed;
            t.failures.forEach(f -> problems.add(p.name() + " (" + p.interpreter() + "): FAILED " + f.test() + ": " + f.message()));
            t.unexpectedSkips.forEach(s -> problems.add(p.name() + " (" + p.interpreter() + "): SKIPPED but must run here: "
                    + s.test() + " (" + s.reason() + ")"));
        }
        System.out.printf(format, "all", "", sum[0], sum[1], sum[2], sum[3], sum[4], "");
        System.out.println();
        System.out.println("Skips, each checked to hold where it happened:");
        totals.forEach((p, t) -> t.expectedSkips.forEach((why, skips) -> System.out.println("  " + p.name() + ": "
                + skips.size() + (skips.size() == 1 ? " test (" : " tests (") + why + "), e.g. "
                + skips.getFirst().test() + ": " + skips.getFirst().reason())));
        if (problems.isEmpty()) {
            System.out.println("== Test matrix: every pass ran, nothing failed, every skip is expected where it happened");
        } else {
            System.out.println("== Test matrix: " + problems.size() + " problem(s)");
            problems.forEach(p -> System.out.println("  " + p));
        }
    }

    static String time(Totals t) {
        long millis = t.firstStartMillis == Long.MAX_VALUE ? 0 : t.lastWriteMillis - t.firstStartMillis;
        long seconds = millis / 1000;
        return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }

    static String abbreviate(String text, int width) {
        return text.length() <= width ? text : "..." + text.substring(text.length() - width + 3);
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    /** Whether {@code locale -a} lists {@code language}.UTF-8 (spelled utf8 or UTF-8). */
    static boolean localeInstalled(String language) {
        try {
            Process process = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return out.lines().anyMatch(l -> l.equalsIgnoreCase(language + ".utf8") || l.equalsIgnoreCase(language + ".UTF-8"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean nvmlInstalled() {
        List<String> folders = new ArrayList<>(NVML_FOLDERS);
        String libraryPath = System.getenv("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            folders.addAll(List.of(libraryPath.split(":")));
        }
        return folders.stream().anyMatch(f -> !f.isEmpty() && Files.exists(Path.of(f, "libnvidia-ml.so.1")));
    }
}
