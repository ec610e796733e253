package io.pybridge.convert;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that may be missing on the Python side: a missing key or attribute (or
 * {@code None}) gives the type's default (0, false, null; empty for List, Set and Map;
 * {@code Optional.empty()}) instead of an error. Without it, a missing component is an error that
 * names it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface PyDefault {
}
