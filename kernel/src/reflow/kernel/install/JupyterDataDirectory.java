package reflow.kernel.install;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where Jupyter looks for kernelspecs, following jupyter_core's rules for each install scope. */
final class JupyterDataDirectory {
    private JupyterDataDirectory() {}

    /** The per-user data directory: $JUPYTER_DATA_DIR, else the platform default jupyter_core uses. */
    static Path forUser(Map<String, String> env, String osName, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank()
                    ? Path.of(appData, "jupyter")
                    : home.resolve(".jupyter").resolve("data");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        String xdgDataHome = env.get("XDG_DATA_HOME");
        Path dataHome = xdgDataHome != null && !xdgDataHome.isBlank()
                ? Path.of(xdgDataHome)
                : home.resolve(".local").resolve("share");
        return dataHome.resolve("jupyter");
    }

    /** The data directory of an installation prefix (a virtualenv, conda env, /usr/local, ...). */
    static Path forPrefix(Path prefix) {
        return prefix.resolve("share").resolve("jupyter");
    }

    static Path kernelsIn(Path dataDirectory) {
        return dataDirectory.resolve("kernels");
    }
}
