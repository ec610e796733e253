package io.pybridge.internal.discovery;

import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of the running system that discovery reads, injectable so that tests can set them.
 *
 * @param environment environment variables by name ({@code null} when unset)
 * @param properties  system properties by name ({@code null} when unset)
 * @param windows     Windows executable layout ({@code Scripts\python.exe}, {@code PATH} separated by {@code ;})
 */
public record Host(Function<String, String> environment, Function<String, String> properties, boolean windows) {

    /** This JVM's environment, system properties and operating system. */
    public static Host current() {
        return new Host(System::getenv, System::getProperty,
                System.getProperty("os.name", "").startsWith("Windows"));
    }

    /** An environment variable, empty when unset or blank. */
    Optional<String> env(String name) {
        return nonBlank(environment.apply(name));
    }

    /** A system property, empty when unset or blank (Maven passes unset properties as ""). */
    Optional<String> property(String name) {
        return nonBlank(properties.apply(name));
    }

    String pathSeparator() {
        return windows ? ";" : ":";
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
