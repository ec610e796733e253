package io.pybridge.internal.runtime;

import io.pybridge.PythonRuntime;
import io.pybridge.PythonSetupException;
import io.pybridge.PythonVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Temporary: replaced by the discovery branch. */
public final class RuntimeLauncher {
    private RuntimeLauncher() {
    }

    public static LaunchSpec resolve(Path executable, boolean bundled) {
        String exe = executable != null ? executable.toString()
                : System.getProperty("pybridge.python", "").isEmpty() ? "python3" : System.getProperty("pybridge.python");
        try {
            Process p = new ProcessBuilder(exe, "-c", "import sys,sysconfig,os;print(sys.executable);print('%d.%d.%d'%sys.version_info[:3]);"
                    + "print(os.path.join(sysconfig.get_config_var('LIBDIR'), sysconfig.get_config_var('INSTSONAME')));print(sys.base_prefix);print(sys.prefix)").start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor();
            PythonRuntime rt = new PythonRuntime(PythonVersion.parse(lines.get(1)), Path.of(lines.get(0)), Path.of(lines.get(2)),
                    Path.of(lines.get(3)), Path.of(lines.get(4)), false, "temporary");
            return new LaunchSpec(rt, Path.of(lines.get(0)), null, List.of(), List.of());
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new PythonSetupException("probe failed: " + e);
        }
    }

    public static boolean sameRuntime(PythonRuntime running, Path executable, boolean bundled) {
        return executable == null || running.executable().equals(executable);
    }
}
