package io.pybridge.internal.runtime;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the classes a start and a first call need, on a thread of its own, while the starting thread
 * discovers Python and the Python main thread initializes it: a cold JVM spends a good part of a start
 * reading, parsing and defining classes one at a time on the thread that first needs each, and that thread
 * waits for none it finds already loaded. Some 530 classes (the bridge's own, and the JDK's beyond its CDS
 * archive: the FFM linker's, the zip and jar readers'), listed in order of first use in
 * {@code start-classes.txt}, which {@code tools/start-classes.sh} writes from two logged starts.
 *
 * <p>Classes are loaded, never initialized: no listed class's static initializer runs on this thread (the
 * list itself is read through {@link ResourceModules}, which holds no state), so none can run
 * before what it depends on (libpython loaded, the interpreter initialized) or fail where its failure would
 * make the class unusable for the start itself. A name this JVM or class path does not have (another JDK
 * build, no bundled runtime, no SLF4J) is skipped: the list only decides what is loaded early, never what
 * is loaded. {@code -Dpybridge.preloadStartClasses=false} turns it off (the list is written from starts
 * without it, so that it holds what a start needs, not what the previous list loaded).
 */
public final class StartClasses {
    static final String LIST = "start-classes.txt";
    static final String SWITCH = "pybridge.preloadStartClasses";
    private static boolean started;

    private StartClasses() {
    }

    /** Starts loading the listed classes on a daemon thread; only the first call in a JVM does anything. */
    public static synchronized void preloadInBackground() {
        if (started || !Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
            return;
        }
        started = true;
        Thread loader = new Thread(new Loader(), "pybridge-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /** The class names of the list, in its order. */
    static List<String> names() {
        List<String> names = new ArrayList<>(600);
        for (String line : ResourceModules.text(StartClasses.class, LIST).split("\n")) {
            if (!line.isEmpty() && line.charAt(0) != '#') {
                names.add(line);
            }
        }
        return names;
    }

    /** Loads each named class through {@code loader} without initializing it; returns how many it found. */
    static int load(List<String> names, ClassLoader loader) {
        int found = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                found++;
            } catch (ClassNotFoundException | LinkageError e) {
                // not on this JVM or class path; the list only decides what is loaded early
            }
        }
        return found;
    }

    /** A class, not a lambda: the first lambda a JVM runs costs more than loading a class. */
    private static final class Loader implements Runnable {
        @Override
        public void run() {
            try {
                load(names(), StartClasses.class.getClassLoader());
            } catch (IllegalStateException | UncheckedIOException e) {
                // the jar is damaged or repackaged without the list: the start loads its classes itself
            }
        }
    }
}
