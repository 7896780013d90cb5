package reflow.kernel.install;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@code java -jar reflow.jar install [--user | --sys-prefix | --prefix DIR]
 * [--name NAME] [--display-name TEXT]}.
 *
 * @param prefix only for {@link Scope#PREFIX}, otherwise null
 */
public record InstallArguments(Scope scope, Path prefix, String name, String displayName, boolean help) {

    /** Where the kernelspecs go, as in {@code jupyter kernelspec install}. */
    public enum Scope { USER, SYS_PREFIX, PREFIX }

    public static final String DEFAULT_NAME = "reflow";
    public static final String DEFAULT_DISPLAY_NAME = "Java (Reflow)";

    public static final String USAGE = String.join("\n",
            "Usage: java -jar reflow.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]",
            "",
            "Installs two Jupyter kernelspecs: NAME (relaxed mode) and NAME-strict (strict mode).",
            "  --user               into your Jupyter data directory (default; honours JUPYTER_DATA_DIR)",
            "  --sys-prefix         into the Python environment that runs Jupyter (set REFLOW_PYTHON to choose it)",
            "  --prefix DIR         into DIR/share/jupyter/kernels (then set JUPYTER_PATH=DIR/share/jupyter)",
            "  --name NAME          kernelspec name, letters, digits, '.', '_' or '-' (default: reflow)",
            "  --display-name TEXT  name shown in the launcher and kernel picker (default: Java (Reflow))");

    // The names jupyter_client accepts for kernelspec directories.
    private static final Pattern KERNEL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    /** Parses the arguments after {@code install}; throws with a message naming the bad argument. */
    public static InstallArguments parse(String... args) {
        Scope scope = null;
        Path prefix = null;
        String name = DEFAULT_NAME;
        String displayName = DEFAULT_DISPLAY_NAME;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new InstallArguments(Scope.USER, null, name, displayName, true);
                }
                case "--user" -> scope = chooseScope(scope, Scope.USER, arg);
                case "--sys-prefix" -> scope = chooseScope(scope, Scope.SYS_PREFIX, arg);
                case "--prefix" -> {
                    scope = chooseScope(scope, Scope.PREFIX, arg);
                    prefix = Path.of(valueOf(args, ++i, arg)).toAbsolutePath().normalize();
                }
                case "--name" -> name = valueOf(args, ++i, arg);
                case "--display-name" -> displayName = valueOf(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown install option '" + arg + "'");
            }
        }
        if (!KERNEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--name '" + name
                    + "' is not a valid kernelspec name: use only letters, digits, '.', '_' and '-'");
        }
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("--display-name must not be empty");
        }
        return new InstallArguments(scope == null ? Scope.USER : scope, prefix, name, displayName, false);
    }

    private static Scope chooseScope(Scope current, Scope chosen, String option) {
        if (current != null && current != chosen) {
            throw new IllegalArgumentException(option + " conflicts with an earlier --user, --sys-prefix or --prefix:"
                    + " choose one place to install");
        }
        return chosen;
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
