package io.pybridge.convert;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Python name of a record component (dict key or attribute), an enum constant or a bound
 * interface method, where the default (camelCase turned into snake_case: {@code isMeme} →
 * {@code is_meme}) is not right.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface PyName {
    String value();
}
