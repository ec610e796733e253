package io.pybridge;

/** A CPython version, ordered as versions are. */
public record PythonVersion(int major, int minor, int micro) implements Comparable<PythonVersion> {

    /** Parses {@code "3.11"} or {@code "3.11.7"} (anything after the third number is ignored). */
    public static PythonVersion parse(String text) {
        String[] parts = text.trim().split("[.]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int micro = parts.length > 2 ? Integer.parseInt(parts[2].replaceAll("\\D.*", "")) : 0;
            return new PythonVersion(major, minor, micro);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Python version: '" + text + "'", e);
        }
    }

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    @Override
    public int compareTo(PythonVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) c = Integer.compare(minor, other.minor);
        return c != 0 ? c : Integer.compare(micro, other.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
