package io.pybridge.python;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The native tree of one {@code org.bytedeco} jar on the class path, e.g. everything under
 * {@code org/bytedeco/cpython/linux-x86_64/} of {@code cpython-3.14.3-1.5.13-linux-x86_64.jar}.
 *
 * <p>The jar is found through a resource it must hold, so a shaded jar or any class loader that
 * serves {@code jar:} URLs works; the jar is opened uncached and closed with this object.
 */
final class NativeArchive implements AutoCloseable {
    private final String artifact;
    private final String version;
    private final String location;
    private final String root;
    private final JarFile jar;

    private NativeArchive(String artifact, String version, String location, String root, JarFile jar) {
        this.artifact = artifact;
        this.version = version;
        this.location = location;
        this.root = root;
        this.jar = jar;
    }

    /**
     * Opens the jar of {@code org.bytedeco:<artifact>:<platform>} seen by {@code loader}.
     *
     * @param probe a file the tree must hold, relative to its root, used to find the jar
     */
    static NativeArchive open(ClassLoader loader, String artifact, String platform, String probe) throws IOException {
        String root = "org/bytedeco/" + artifact + "/" + platform + "/";
        String coordinates = "org.bytedeco:" + artifact + ":<version>:" + platform;
        URL url = loader.getResource(root + probe);
        if (url == null) {
            throw new IOException(coordinates + " is not on the class path (resource " + root + probe
                    + " not found); add that jar, or configure a Python installed on this machine");
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException(coordinates + " must be a jar on the class path, but " + root + probe
                    + " is served from " + url);
        }
        jarConnection.setUseCaches(false);   // a JarFile of our own, which we may close
        JarFile jar = jarConnection.getJarFile();
        try {
            String location = jarConnection.getJarFileURL().toString();
            return new NativeArchive(artifact, readVersion(jar, artifact, location), location, root, jar);
        } catch (IOException | RuntimeException e) {
            jar.close();
            throw e;
        }
    }

    private static String readVersion(JarFile jar, String artifact, String location) throws IOException {
        String name = "META-INF/maven/org.bytedeco/" + artifact + "/pom.properties";
        JarEntry entry = jar.getJarEntry(name);
        if (entry == null) {
            throw new IOException("cannot tell which version of org.bytedeco:" + artifact + " " + location
                    + " is: it has no " + name);
        }
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(entry)) {
            properties.load(in);
        }
        String version = properties.getProperty("version", "").trim();
        if (version.isEmpty()) {
            throw new IOException(name + " in " + location + " names no version");
        }
        return version;
    }

    /** The Maven artifact id, e.g. {@code cpython}. */
    String artifact() {
        return artifact;
    }

    /** The Maven version, e.g. {@code 3.14.3-1.5.13}. */
    String version() {
        return version;
    }

    /** The version of the packaged software, e.g. {@code 3.14.3} for Maven version {@code 3.14.3-1.5.13}. */
    String upstreamVersion() {
        int dash = version.lastIndexOf('-');
        return dash > 0 ? version.substring(0, dash) : version;
    }

    /** Where the jar is, for messages. */
    String location() {
        return location;
    }

    /** The files of the native tree (no directories). */
    List<JarEntry> files() {
        return jar.stream()
                .filter(entry -> !entry.isDirectory() && entry.getName().startsWith(root))
                .toList();
    }

    /** The name of {@code entry} relative to the root of the tree, e.g. {@code bin/python3}. */
    String relativeName(JarEntry entry) {
        return entry.getName().substring(root.length());
    }

    InputStream open(JarEntry entry) throws IOException {
        return jar.getInputStream(entry);
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }

    @Override
    public String toString() {
        return "org.bytedeco:" + artifact + ":" + version + " (" + location + ")";
    }
}
