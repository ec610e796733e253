package io.pybridge.python;

import io.pybridge.spi.BundledPython;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate JVM unpacking into a given cache folder, for the test of several processes at once.
 * Prints {@code home=<prefix>} and {@code unpacked=<0 or 1>} (whether this process did the unpacking).
 */
public final class UnpackMain {
    public static void main(String[] args) throws Exception {
        AtomicInteger unpacks = new AtomicInteger();
        UnpackEvents events = new UnpackEvents() {
            @Override
            public void unpackStarted(Path target) {
                unpacks.incrementAndGet();
            }
        };
        BundledRuntime runtime = new BundledRuntime(List.of(new CachePlace(Path.of(args[0]), "test", false)),
                UnpackMain.class.getClassLoader(), events, false);
        long start = System.nanoTime();
        BundledPython python = runtime.unpack();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("home=" + python.home());
        System.out.println("unpacked=" + unpacks.get());
        System.out.println("millis=" + millis);
    }
}
