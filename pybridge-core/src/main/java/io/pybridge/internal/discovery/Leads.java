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
        if (request.executable().isPresent()) {
            leads.add(new Lead.Executable(request.chosenBy(), interpreterIn(request.executable().get()), true));
        }
        Optional<String> property = host.property(PROPERTY);
        if (property.isPresent()) {
            leads.addAll(explicit("system property " + PROPERTY, property.get()));
        }
        Optional<String> variable = host.env(ENVIRONMENT);
        if (variable.isPresent()) {
            leads.addAll(explicit("environment variable " + ENVIRONMENT, variable.get()));
        }
        Optional<Path> venv = directoryIn("VIRTUAL_ENV");
        if (venv.isPresent()) {
            leads.add(new Lead.Executable("environment variable VIRTUAL_ENV", venvInterpreter(venv.get()), false));
        }
        Optional<Path> conda = directoryIn("CONDA_PREFIX");
        if (conda.isPresent()) {
            leads.add(new Lead.Executable("environment variable CONDA_PREFIX", condaInterpreter(conda.get()), false));
        }
        for (String name : List.of("python3", "python")) {
            Optional<Path> found = onPath(name);
            if (found.isPresent()) {
                leads.add(new Lead.Executable(name + " on PATH", found.get(), false));
            }
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
        List<Lead> leads = new ArrayList<>(found.size());
        for (BundledPythonProvider provider : found) {
            leads.add(new Lead.Bundled(source + " (" + provider.getClass().getName() + ")", Optional.of(provider),
                    explicit));
        }
        return leads;
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
            Optional<Path> directory = pathIfValid(entry.strip());
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = directory.get().resolve(fileName);
            if (Files.isRegularFile(candidate) && (host.windows() || Files.isExecutable(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The directory an environment variable names, empty when it is unset or not a path. */
    private Optional<Path> directoryIn(String variable) {
        Optional<String> value = host.env(variable);
        return value.isEmpty() ? Optional.empty() : pathIfValid(value.get());
    }

    private static Optional<Path> pathIfValid(String value) {
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
