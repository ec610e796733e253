import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes pybridge-core's {@code CPython.java}, the raw downcall bindings, from {@code tools/capi-functions.txt}.
 * A single-file program that needs nothing but a JDK; run it from anywhere inside the repository:
 * <pre>
 *   java tools/GenerateCapi.java           regenerate CPython.java after editing the list
 *   java tools/GenerateCapi.java --check   exit 1, with a diff excerpt, when CPython.java is not what the list gives
 * </pre>
 * The list's format is in {@code tools/README.md}. pybridge-core's {@code GeneratedBindingsTest} compiles this file
 * and calls {@link #generate}, {@link #difference} and {@link #functions}, so they stay public and free of side
 * effects.
 */
public final class GenerateCapi {
    public static final String LIST = "tools/capi-functions.txt";
    public static final String OUTPUT = "pybridge-core/src/main/java/io/pybridge/internal/capi/CPython.java";
    public static final String COMMAND = "java tools/GenerateCapi.java";

    private static final Map<String, String> LAYOUTS = Map.of("long", "JAVA_LONG", "int", "JAVA_INT", "double", "JAVA_DOUBLE");
    /**
     * The layouts of a function bound in a shape of its own (one of a {@code double}, or of more than
     * {@link #INTEGER_ARITY} arguments): an {@code int} travels as a 64-bit value and a {@code void} function
     * returns a {@code long} it ignores, by the rules {@code CFunctions} gives for its shared shape.
     */
    private static final Map<String, String> WIDE_LAYOUTS = Map.of("long", "JAVA_LONG", "int", "JAVA_LONG", "double", "JAVA_DOUBLE");
    /** The arity of {@code CFunctions.INTEGERS}, which every function of at most that many integer arguments shares. */
    private static final int INTEGER_ARITY = 4;
    private static final Pattern SIGNATURE = Pattern.compile("(\\w+)\\s+(\\w+)\\s*\\(([^)]*)\\)$");
    private static final Pattern INDEXED_MARK = Pattern.compile("(steals|out-new|out-borrowed)\\(([0-9,]+)\\)");
    private static final Pattern C_TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*( ?\\*+)?");

    private GenerateCapi() {
    }

    public static void main(String[] args) throws IOException {
        boolean check = args.length == 1 && args[0].equals("--check");
        if (args.length > 1 || (args.length == 1 && !check)) {
            System.err.println("usage: " + COMMAND + " [--check]");
            System.exit(2);
        }
        Path root;
        String generated;
        try {
            root = repositoryRoot(Path.of("").toAbsolutePath());
            generated = generate(Files.readString(root.resolve(LIST), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IllegalStateException cannot) {
            System.err.println(cannot.getMessage());
            System.exit(2);
            return;
        }
        Path output = root.resolve(OUTPUT);
        if (check) {
            String committed = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            String difference = difference(committed, generated);
            if (difference != null) {
                System.err.println(difference);
                System.exit(1);
            }
            System.out.println(OUTPUT + " is what " + LIST + " gives");
        } else {
            Files.writeString(output, generated, StandardCharsets.UTF_8);
            System.out.println("wrote " + output);
        }
    }

    /**
     * The nearest folder at or above {@code start} that holds the list, else the checkout this program's source
     * file is in (the source launcher names it in {@code jdk.launcher.sourcefile}).
     */
    public static Path repositoryRoot(Path start) {
        String sourceFile = System.getProperty("jdk.launcher.sourcefile");
        List<Path> starts = new ArrayList<>(List.of(start));
        if (sourceFile != null) {
            starts.add(Path.of(sourceFile).toAbsolutePath().getParent());
        }
        for (Path from : starts) {
            for (Path dir = from; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(LIST))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("no " + LIST + " in " + start + " or any folder above it: run "
                + COMMAND + " inside the PyBridge repository");
    }

    /** One function of the list. {@code steals}, {@code outNew}, {@code outBorrowed} hold 1-based argument numbers. */
    public record Function(String name, String returns, List<String> params, boolean critical, boolean optional,
                           String ownership, String resultType, Set<Integer> steals, Set<Integer> outNew,
                           Set<Integer> outBorrowed, String note) {
    }

    /** The functions of the list, in its order; a line it cannot read fails with its number and what is wrong. */
    public static List<Function> parse(String list) {
        List<Function> functions = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        String[] lines = list.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Function function;
            try {
                function = parseLine(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LIST + " line " + (i + 1) + ": " + e.getMessage() + "\n    " + line, e);
            }
            if (!names.add(function.name())) {
                throw new IllegalArgumentException(LIST + " line " + (i + 1) + ": " + function.name() + " is listed twice");
            }
            functions.add(function);
        }
        return functions;
    }

    /** Each listed function's name, with whether it is {@code optional}. */
    public static Map<String, Boolean> functions(String list) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (Function f : parse(list)) {
            names.put(f.name(), f.optional());
        }
        return names;
    }

    private static Function parseLine(String line) {
        String note = null;
        int hash = line.indexOf('#');
        if (hash >= 0) {
            note = line.substring(hash + 1).strip();
            line = line.substring(0, hash).strip();
            if (note.isEmpty()) {
                throw new IllegalArgumentException("an empty # note");
            }
            if (note.contains("*/")) {
                throw new IllegalArgumentException("a note must not contain */");
            }
        }
        String resultType = null;
        int arrow = line.indexOf("->");
        if (arrow >= 0) {
            resultType = line.substring(arrow + 2).strip();
            line = line.substring(0, arrow).strip();
            if (!C_TYPE.matcher(resultType).matches()) {
                throw new IllegalArgumentException("'-> " + resultType + "' is not a C type");
            }
        }
        Matcher signature = SIGNATURE.matcher(line);
        if (!signature.find()) {
            throw new IllegalArgumentException("expected [MARKS] RETURN NAME(PARAM, ...) [-> C TYPE] [# NOTE]");
        }
        String returns = signature.group(1);
        String name = signature.group(2);
        List<String> params = new ArrayList<>();
        for (String p : signature.group(3).split(",")) {
            if (!p.isBlank()) {
                params.add(p.strip());
            }
        }
        if (!returns.equals("void") && !LAYOUTS.containsKey(returns)) {
            throw new IllegalArgumentException("return type " + returns + " is not long, int, double or void");
        }
        for (String p : params) {
            if (!LAYOUTS.containsKey(p)) {
                throw new IllegalArgumentException("parameter type " + p + " is not long, int or double");
            }
        }

        boolean critical = false;
        boolean optional = false;
        String ownership = null;
        Map<String, Set<Integer>> indexed = new LinkedHashMap<>();
        String marks = line.substring(0, signature.start()).strip();
        for (String mark : marks.isEmpty() ? new String[0] : marks.split("\\s+")) {
            Matcher m = INDEXED_MARK.matcher(mark);
            if (mark.equals("critical") || mark.equals("optional")) {
                if ((mark.equals("critical") ? critical : optional)) {
                    throw new IllegalArgumentException(mark + " is given twice");
                }
                critical |= mark.equals("critical");
                optional |= mark.equals("optional");
            } else if (mark.equals("new") || mark.equals("borrowed")) {
                if (ownership != null) {
                    throw new IllegalArgumentException(ownership + " and " + mark + " contradict each other");
                }
                ownership = mark;
            } else if (m.matches()) {
                if (indexed.containsKey(m.group(1))) {
                    throw new IllegalArgumentException(m.group(1) + "(...) is given twice");
                }
                indexed.put(m.group(1), arguments(m.group(1), m.group(2), params, indexed));
            } else {
                throw new IllegalArgumentException("unknown mark '" + mark
                        + "' (critical, optional, new, borrowed, steals(N), out-new(N), out-borrowed(N))");
            }
        }
        if (ownership != null && !returns.equals("long")) {
            throw new IllegalArgumentException(ownership + " applies to a long result (a PyObject*), not to " + returns);
        }
        if (ownership != null && resultType != null) {
            throw new IllegalArgumentException("a " + ownership + " reference is a PyObject*: drop '-> " + resultType + "'");
        }
        if (returns.equals("long") && ownership == null && resultType == null) {
            throw new IllegalArgumentException("say what the long it returns is: new or borrowed (a PyObject*),"
                    + " or '-> C TYPE' when it is not an object");
        }
        if (returns.equals("void") && resultType != null) {
            throw new IllegalArgumentException("a void function has no result type");
        }
        return new Function(name, returns, List.copyOf(params), critical, optional, ownership, resultType,
                indexed.getOrDefault("steals", Set.of()), indexed.getOrDefault("out-new", Set.of()),
                indexed.getOrDefault("out-borrowed", Set.of()), note);
    }

    private static Set<Integer> arguments(String mark, String numbers, List<String> params,
                                          Map<String, Set<Integer>> earlier) {
        Set<Integer> arguments = new TreeSet<>();
        for (String n : numbers.split(",")) {
            if (n.isBlank()) {
                throw new IllegalArgumentException(mark + "(" + numbers + ") has an empty argument number");
            }
            int argument = Integer.parseInt(n.strip());
            if (argument < 1 || argument > params.size()) {
                throw new IllegalArgumentException(mark + "(" + argument + "): the function has "
                        + params.size() + " argument(s), numbered from 1");
            }
            if (!params.get(argument - 1).equals("long")) {
                throw new IllegalArgumentException(mark + "(" + argument + "): argument " + argument
                        + " is an " + params.get(argument - 1) + ", not a pointer");
            }
            for (Map.Entry<String, Set<Integer>> other : earlier.entrySet()) {
                if (other.getValue().contains(argument)) {
                    throw new IllegalArgumentException("argument " + argument + " is in both " + other.getKey()
                            + " and " + mark);
                }
            }
            if (!arguments.add(argument)) {
                throw new IllegalArgumentException(mark + "(" + numbers + ") names argument " + argument + " twice");
            }
        }
        return Set.copyOf(arguments);
    }

    /** The Java source of {@code CPython} for the list's text. */
    public static String generate(String list) {
        List<Function> functions = parse(list);
        StringBuilder out = new StringBuilder();
        out.append("""
                package io.pybridge.internal.capi;

                import java.lang.foreign.FunctionDescriptor;
                import java.lang.invoke.MethodHandle;
                import java.util.ArrayList;
                import java.util.List;

                import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
                import static java.lang.foreign.ValueLayout.JAVA_LONG;

                /**
                 * Raw bindings to the CPython C API: a static method per function that invokes its downcall handle.
                 *
                 * <p>Each handle is a {@code static final} field of a holder class of its own ({@code Py_IncRef$}), so
                 * that the JIT inlines the call, and the handle is made when the function is first called: a start
                 * that calls 40 of the listed functions does not pay for the others' handles. {@link #missingRequired}
                 * checks the exports up front instead, by name, which costs no handle. Every function of up to four
                 * integer or pointer arguments is bound in one shape, {@link CFunctions#INTEGERS}: four 64-bit arguments,
                 * the unused ones passed as 0, and a 64-bit result ({@code int}s widened, a {@code void} function's
                 * ignored; {@code CFunctions} says why that is sound). They then share one downcall stub, and the
                 * critical ones another: the first stub of each shape costs a start some 5 ms.
                 *
                 * <p>Generated by {@code java tools/GenerateCapi.java} from {@code tools/capi-functions.txt}; edit the
                 * list, not this file ({@code GeneratedBindingsTest} fails when the two disagree). No function may be
                 * called before {@link LibPython#load} has opened libpython. Every pointer travels as a
                 * {@code long}. Nothing here checks the GIL or reference ownership: that is the job of the layers
                 * above. Each method's javadoc says what the function does with references, as the list marks it.
                 */
                @SuppressWarnings({"unused", "checkstyle:MethodName"})
                public final class CPython {
                    private CPython() {
                    }

                """);
        out.append("    /** The functions every supported libpython exports, which the bindings need. */\n")
                .append("    private static final String[] REQUIRED = {");
        List<String> required = functions.stream().filter(f -> !f.optional()).map(f -> "\"" + f.name() + "\"").toList();
        for (int i = 0; i < required.size(); i++) {
            out.append(i % 4 == 0 ? "\n            " : " ").append(required.get(i)).append(i < required.size() - 1 ? "," : "");
        }
        out.append("\n    };\n\n");
        out.append("""
                    /**
                     * The required functions the loaded libpython does not export, by name; empty for a CPython 3.11-3.14
                     * shared library. Looks the symbols up without making their handles.
                     */
                    public static List<String> missingRequired() {
                        List<String> missing = new ArrayList<>();
                        for (String name : REQUIRED) {
                            if (LibPython.find(name).isEmpty()) {
                                missing.add(name);
                            }
                        }
                        return missing;
                    }

                """);
        for (Function f : functions) {
            appendMethods(out, f);
            out.append('\n');
        }
        out.append("    // One holder class per function: its handle is made when the function is first called.\n");
        for (Function f : functions) {
            out.append('\n')
                    .append("    private static final class ").append(f.name()).append("$ {\n")
                    .append("        static final MethodHandle MH = LibPython.downcall(\"").append(f.name()).append("\", ")
                    .append(descriptor(f)).append(", ").append(f.critical()).append(", ").append(!f.optional())
                    .append(");\n")
                    .append("    }\n");
        }
        out.append("}\n");
        return out.toString();
    }

    private static String descriptor(Function f) {
        if (sharesIntegerShape(f)) {
            return "CFunctions.INTEGERS";
        }
        List<String> layouts = new ArrayList<>();
        layouts.add(f.returns().equals("void") ? "JAVA_LONG" : WIDE_LAYOUTS.get(f.returns()));
        f.params().forEach(p -> layouts.add(WIDE_LAYOUTS.get(p)));
        return "FunctionDescriptor.of(" + String.join(", ", layouts) + ")";
    }

    /**
     * Whether {@code f} is bound with {@code CFunctions.INTEGERS}, four 64-bit arguments and a 64-bit result,
     * its unused arguments passed as 0: every function whose arguments and result are integers or pointers,
     * {@value #INTEGER_ARITY} arguments at most. Functions of the same kind (critical or not) then share one
     * downcall stub.
     */
    private static boolean sharesIntegerShape(Function f) {
        return !f.returns().equals("double") && !f.params().contains("double") && f.params().size() <= INTEGER_ARITY;
    }

    private static void appendMethods(StringBuilder out, Function f) {
        List<String> params = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            params.add(f.params().get(i) + " a" + i);
            args.add(f.params().get(i).equals("int") ? "(long) a" + i : "a" + i);
        }
        if (sharesIntegerShape(f)) {
            while (args.size() < INTEGER_ARITY) {
                args.add("0L");
            }
        }
        String invoke = f.name() + "$.MH.invokeExact(" + String.join(", ", args) + ")";
        String body = f.returns().equals("void") ? "long ignored = (long) " + invoke + ";"
                : f.returns().equals("int") ? "return (int) (long) " + invoke + ";"
                : "return (" + f.returns() + ") " + invoke + ";";
        out.append("    /**\n");
        for (String sentence : javadoc(f)) {
            out.append("     * ").append(sentence).append('\n');
        }
        out.append("     */\n");
        out.append("    public static ").append(f.returns()).append(' ').append(f.name()).append('(')
                .append(String.join(", ", params)).append(") {\n")
                .append("        try {\n")
                .append("            ").append(body).append('\n')
                .append("        } catch (Throwable t) {\n")
                .append("            throw LibPython.rethrow(\"").append(f.name()).append("\", t);\n")
                .append("        }\n")
                .append("    }\n");
        if (f.optional()) {
            out.append('\n')
                    .append("    /** Whether this libpython exports {@code ").append(f.name()).append("}. */\n")
                    .append("    public static boolean has_").append(f.name()).append("() {\n")
                    .append("        return ").append(f.name()).append("$.MH != null;\n")
                    .append("    }\n");
        }
    }

    /** The wrapper's javadoc, one sentence a line: what happens to references first, then how it is bound. */
    private static List<String> javadoc(Function f) {
        List<String> sentences = new ArrayList<>();
        if ("new".equals(f.ownership())) {
            sentences.add("Returns a new reference: the caller owns it and must drop it.");
        } else if ("borrowed".equals(f.ownership())) {
            sentences.add("Returns a borrowed reference: the caller must not drop it.");
        } else if (f.resultType() != null) {
            sentences.add("Returns " + article(f.resultType()) + " {@code " + f.resultType() + "}, not an object reference.");
        }
        if (!f.steals().isEmpty()) {
            sentences.add(f.steals().size() == 1
                    ? "Steals the caller's reference to argument " + numbers(f.steals()) + ", even on failure."
                    : "Steals the caller's references to arguments " + numbers(f.steals()) + ", even on failure.");
        }
        if (!f.outNew().isEmpty()) {
            sentences.add(f.outNew().size() == 1
                    ? "Stores a new reference through argument " + numbers(f.outNew()) + ": the caller owns it."
                    : "Stores new references through arguments " + numbers(f.outNew()) + ": the caller owns them.");
        }
        if (!f.outBorrowed().isEmpty()) {
            sentences.add(f.outBorrowed().size() == 1
                    ? "Stores a borrowed reference through argument " + numbers(f.outBorrowed())
                            + ": the caller must not drop it."
                    : "Stores borrowed references through arguments " + numbers(f.outBorrowed())
                            + ": the caller must not drop them.");
        }
        if (f.note() != null) {
            String note = escape(f.note());
            note = Character.toUpperCase(note.charAt(0)) + note.substring(1);
            sentences.add(note.matches(".*[.!?]$") ? note : note + ".");
        }
        if (sentences.isEmpty()) {
            sentences.add("No reference changes hands.");
        }
        if (f.critical()) {
            sentences.add("A critical downcall: the function never runs Python code.");
        }
        if (f.optional()) {
            sentences.add("Not every supported libpython exports it: see {@link #has_" + f.name() + "()}.");
        }
        return sentences;
    }

    private static String article(String cType) {
        return "aeiouAEIOU".indexOf(cType.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String numbers(Set<Integer> arguments) {
        List<String> n = arguments.stream().sorted().map(String::valueOf).toList();
        return n.size() == 1 ? n.getFirst()
                : String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.getLast();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
    }

    /**
     * {@code null} when {@code committed} is {@code generated} (line endings aside); otherwise a report naming the
     * first differing line, an excerpt of both sides, and the command that regenerates the file.
     */
    public static String difference(String committed, String generated) {
        String committedText = committed.replace("\r\n", "\n");
        String generatedText = generated.replace("\r\n", "\n");
        if (committedText.equals(generatedText)) {
            return null;
        }
        List<String> was = committedText.lines().toList();
        List<String> now = generatedText.lines().toList();
        if (was.equals(now)) {
            return OUTPUT + " differs from what " + LIST + " gives only in how it ends (a final line break)\n"
                    + "Regenerate it from the repository root: " + COMMAND;
        }
        int prefix = 0;
        while (prefix < was.size() && prefix < now.size() && was.get(prefix).equals(now.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < was.size() - prefix && suffix < now.size() - prefix
                && was.get(was.size() - 1 - suffix).equals(now.get(now.size() - 1 - suffix))) {
            suffix++;
        }
        StringBuilder report = new StringBuilder();
        report.append(OUTPUT).append(" is not what ").append(LIST).append(" gives: lines ")
                .append(prefix + 1).append('-').append(was.size() - suffix).append(" of the committed file ("
                ).append(was.size() - suffix - prefix).append(") differ from lines ").append(prefix + 1).append('-')
                .append(now.size() - suffix).append(" of the generated one (").append(now.size() - suffix - prefix)
                .append(")\n");
        int context = Math.max(0, prefix - 2);
        for (int i = context; i < prefix; i++) {
            report.append("   ").append(was.get(i)).append('\n');
        }
        excerpt(report, "- ", was.subList(prefix, was.size() - suffix));
        excerpt(report, "+ ", now.subList(prefix, now.size() - suffix));
        report.append("Regenerate it from the repository root: ").append(COMMAND);
        return report.toString();
    }

    private static void excerpt(StringBuilder report, String sign, List<String> lines) {
        int shown = Math.min(lines.size(), 12);
        for (int i = 0; i < shown; i++) {
            report.append(' ').append(sign).append(lines.get(i)).append('\n');
        }
        if (lines.size() > shown) {
            report.append(' ').append(sign).append("... ").append(lines.size() - shown).append(" more line(s)\n");
        }
    }
}
