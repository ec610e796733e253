package io.pybridge.cli;

import io.pybridge.Py;
import io.pybridge.PyObject;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code pybridge run} calls: {@code module:function}, both sides dotted, e.g. {@code json:dumps},
 * {@code os.path:join}, {@code package.module:Class.method}. The module side is imported, the other
 * side is looked up attribute by attribute.
 *
 * @param module     the module to import, e.g. {@code os.path}
 * @param attributes the attribute path inside it, e.g. {@code [Class, method]}
 */
record CallTarget(String module, List<String> attributes) {
    /** A Python identifier: a letter or underscore, then letters, digits, underscores (any script). */
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*");

    CallTarget {
        Objects.requireNonNull(module, "module");
        attributes = List.copyOf(attributes);
    }

    /**
     * Reads {@code module:function}.
     *
     * @throws IllegalArgumentException naming what is wrong, with an example
     */
    static CallTarget parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw new IllegalArgumentException("'" + text + "' is not MODULE:FUNCTION (e.g. json:dumps, "
                    + "os.path:join, package.module:Class.method)");
        }
        String module = text.substring(0, colon);
        String function = text.substring(colon + 1);
        requireDottedName(module, "module", text);
        requireDottedName(function, "function", text);
        return new CallTarget(module, Arrays.asList(function.split("\\.")));
    }

    /** Whether {@code name} is a Python identifier. */
    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    private static void requireDottedName(String name, String what, String text) {
        for (String part : name.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                throw new IllegalArgumentException("'" + text + "': the " + what + " '" + name
                        + "' is not a dotted Python name (e.g. json:dumps, package.module:Class.method)");
            }
        }
    }

    /** Imports the module and returns the attribute the path names. */
    PyObject resolve(Py py) {
        PyObject current = py.importModule(module);
        for (String attribute : attributes) {
            try (PyObject owner = current) {
                current = owner.getAttr(attribute);
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return module + ":" + String.join(".", attributes);
    }
}
