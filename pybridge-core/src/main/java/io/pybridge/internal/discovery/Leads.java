package io.pybridge.internal.discovery;

import io.pybridge.internal.api.ApiErrors;

import io.pybridge.spi.BundledPythonProvider;


import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lists where to look, in order: the builder's executable, {@code pybridge.python},
 * {@code PYBRIDGE_PYTHON}, {@code VIRTUAL_ENV}, {@code CONDA_PREFIX}, {@code python3} and
 * {@code python} on {@code PATH}, the bundled runtime. Reading this list runs nothing.
 */
final class Leads {
    static final String PROPERTY = "pybridge.python";
    static final String ENVIRONMENT = "PYBRIDGE_PYTHON";
    /** The value of {@link #PROPERTY} or {@link #ENVIRONMENT} that asks for the bundled runtime. */
    static final String BUNDLED = "bundled";

    private final Host host;
    private final Supplier<List<BundledPythonProvider>> providers;

    /**
     * @param providers the bundled-runtime providers; a {@link PythonSetupException} from it (a
     *                  provider that cannot be loaded) makes the bundled lead one that is refused
     */
    Leads(Host host, Supplier<List<BundledPythonProvider>> providers) {
        this.host = host;
        this.providers = providers;
    }

    List<Lead> of(DiscoveryRequest request) {
        if (request.bundledOnly()) {
            return bundled(request.chosenBy(), true);
        }
        List<Lead> leads = new ArrayList<>();
        request.executable().ifPresent(path ->
                leads.add(new Lead.Executable(request.chosenBy(), interpreterIn(path), true)));
        host.property(PROPERTY).ifPresent(value -> leads.addAll(explicit("system property " + PROPERTY, value)));
        host.env(ENVIRONMENT).ifPresent(value -> leads.addAll(explicit("environment variable " + ENVIRONMENT, value)));
        host.env("VIRTUAL_ENV").flatMap(Leads::pathIfValid).ifPresent(dir -> leads.add(new Lead.Executable(
                "environment variable VIRTUAL_ENV", venvInterpreter(dir), false)));
        host.env("CONDA_PREFIX").flatMap(Leads::pathIfValid).ifPresent(dir -> leads.add(new Lead.Executable(
                "environment variable CONDA_PREFIX", condaInterpreter(dir), false)));
        for (String name : List.of("python3", "python")) {
            onPath(name).ifPresent(path -> leads.add(new Lead.Executable(name + " on PATH", path, false)));
        }
        leads.addAll(bundled("bundled runtime", false));
        return leads;
    }

    private List<Lead> explicit(String source, String value) {
        if (value.equals(BUNDLED)) {
            return bundled(source + "=" + BUNDLED, true);
        }
        Optional<Path> path = pathIfValid(value);
        if (path.isEmpty()) {
            return List.of(new Lead.Unusable(source, Optional.empty(),
                    "not a valid path on this system: '" + value + "'", true));
        }
        return List.of(new Lead.Executable(source, interpreterIn(path.get()), true));
    }

    private List<Lead> bundled(String source, boolean explicit) {
        List<BundledPythonProvider> found;
        try {
            found = providers.get();
        } catch (RuntimeException e) {
            if (!ApiErrors.isSetupFailure(e)) {
                throw e;
            }
            return List.of(new Lead.Unusable(source, Optional.empty(), e.getMessage(), explicit));
        }
        if (found.isEmpty()) {
            return List.of(new Lead.Bundled(source, Optional.empty(), explicit));
        }
        return found.stream()
                .<Lead>map(p -> new Lead.Bundled(source + " (" + p.getClass().getName() + ")", Optional.of(p), explicit))
                .toList();
    }

    /** An interpreter path as given, or the interpreter inside a venv or conda directory given instead. */
    private Path interpreterIn(Path given) {
        if (!Files.isDirectory(given)) {
            return given;
        }
        Path venv = venvInterpreter(given);
        if (Files.exists(venv) || Files.isSymbolicLink(venv)) {
            return venv;
        }
        Path conda = condaInterpreter(given);
        return Files.exists(conda) ? conda : given;
    }

    private Path venvInterpreter(Path venv) {
        return host.windows() ? venv.resolve("Scripts").resolve("python.exe") : venv.resolve("bin").resolve("python");
    }

    private Path condaInterpreter(Path prefix) {
        return host.windows() ? prefix.resolve("python.exe") : prefix.resolve("bin").resolve("python");
    }

    /** The first {@code name} on {@code PATH}, as a shell would find it; empty entries (the working directory) are skipped. */
    private Optional<Path> onPath(String name) {
        String fileName = host.windows() ? name + ".exe" : name;
        for (String entry : host.env("PATH").orElse("").split(host.pathSeparator())) {
            if (entry.isBlank()) {
                continue;
            }
            Optional<Path> candidate = pathIfValid(entry.strip()).map(dir -> dir.resolve(fileName));
            if (candidate.isPresent() && Files.isRegularFile(candidate.get())
                    && (host.windows() || Files.isExecutable(candidate.get()))) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> pathIfValid(String value) {
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
