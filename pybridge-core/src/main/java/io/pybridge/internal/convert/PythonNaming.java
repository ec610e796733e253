package io.pybridge.internal.convert;

import io.pybridge.convert.PyName;
import io.pybridge.internal.capi.CStrings;

import java.lang.reflect.AnnotatedElement;

/**
 * Python names for Java names: {@link PyName} where present, else camelCase turned into snake_case
 * ({@code isMeme} → {@code is_meme}, {@code parseHTTPResponse} → {@code parse_http_response}).
 */
public final class PythonNaming {

    private PythonNaming() {
    }

    /**
     * The Python name of a record component, method or parameter.
     *
     * @throws IllegalArgumentException when a {@code @PyName} holds a NUL character or an unpaired
     *         surrogate, which no name that reaches C can carry
     */
    public static String of(AnnotatedElement element, String javaName) {
        PyName name = element.getAnnotation(PyName.class);
        if (name == null) {
            return snakeCase(javaName);
        }
        CStrings.requireValid(name.value(), "@PyName of " + element);
        return name.value();
    }

    public static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && startsWord(javaName, i)) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An upper-case letter starts a word after a lower-case letter or digit, or ends an acronym ("HTTPResponse"). */
    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        return Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    }
}
