package reflow.kernel.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@code java -jar reflow.jar install [--user | --sys-prefix | --prefix DIR]
 * [--name NAME] [--display-name TEXT]}.
 *
 * @param prefix only for {@link Scope#PREFIX}, otherwise null
 */
public record InstallArguments(Scope scope, Path prefix, String name, String displayName, boolean help,
                               KernelOptions options) {

    /** Where the kernelspecs go, as in {@code jupyter kernelspec install}. */
    public enum Scope { USER, SYS_PREFIX, PREFIX }

    public static final String DEFAULT_NAME = "reflow";
    public static final String DEFAULT_DISPLAY_NAME = "Java (Reflow)";

    public static final String USAGE = String.join("\n",
            "Usage: java -jar reflow.jar install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]",
            "       [--jvm-arg ARG]... [--env NAME=VALUE]... [--classpath PATH]... [--startup FILE]... [--maven COORDS]...",
            "",
            "Installs two Jupyter kernelspecs: NAME (relaxed mode) and NAME-strict (strict mode).",
            "  --user               into your Jupyter data directory (default; honours JUPYTER_DATA_DIR)",
            "  --sys-prefix         into the Python environment that runs Jupyter (set REFLOW_PYTHON to choose it)",
            "  --prefix DIR         into DIR/share/jupyter/kernels (then set JUPYTER_PATH=DIR/share/jupyter)",
            "  --name NAME          kernelspec name, letters, digits, '.', '_' or '-' (default: reflow)",
            "  --display-name TEXT  name shown in the launcher and kernel picker (default: Java (Reflow))",
            "Recorded in kernel.json (each repeatable):",
            "  --jvm-arg ARG        a JVM option for the kernel, e.g. --jvm-arg -Xmx8g",
            "  --env NAME=VALUE     an environment variable for the kernel",
            "  --classpath PATH     jars or class folders on the cells' class path from the start (globs allowed)",
            "  --startup FILE       a .java/.jsh file (or notebook) run before the first cell",
            "  --maven COORDS       Maven coordinates resolved at kernel start (as %maven COORDS)",
            "Without reinstalling: REFLOW_JVM_OPTS, REFLOW_CLASSPATH, REFLOW_STARTUP, REFLOW_MAVEN (java -jar reflow.jar --help)");

    // The names jupyter_client accepts for kernelspec directories.
    private static final Pattern KERNEL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    /** Parses the arguments after {@code install}; throws with a message naming the bad argument. */
    public static InstallArguments parse(String... args) {
        Scope scope = null;
        Path prefix = null;
        String name = DEFAULT_NAME;
        String displayName = DEFAULT_DISPLAY_NAME;
        List<String> jvmArgs = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> kernelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new InstallArguments(Scope.USER, null, name, displayName, true, KernelOptions.NONE);
                }
                case "--user" -> scope = chooseScope(scope, Scope.USER, arg);
                case "--sys-prefix" -> scope = chooseScope(scope, Scope.SYS_PREFIX, arg);
                case "--prefix" -> {
                    scope = chooseScope(scope, Scope.PREFIX, arg);
                    prefix = Path.of(valueOf(args, ++i, arg)).toAbsolutePath().normalize();
                }
                case "--name" -> name = valueOf(args, ++i, arg);
                case "--display-name" -> displayName = valueOf(args, ++i, arg);
                // JVM options start with '-', so --jvm-arg takes the next word whatever it looks like.
                case "--jvm-arg" -> jvmArgs.add(rawValueOf(args, ++i, arg));
                case "--env" -> {
                    String pair = valueOf(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--env takes NAME=VALUE, not '" + pair + "'");
                    }
                    env.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                case "--classpath", "--startup" -> kernelArgs.addAll(List.of(arg, absolute(valueOf(args, ++i, arg))));
                case "--maven" -> kernelArgs.addAll(List.of(arg, valueOf(args, ++i, arg)));
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
        return new InstallArguments(scope == null ? Scope.USER : scope, prefix, name, displayName, false,
                new KernelOptions(List.copyOf(jvmArgs), Map.copyOf(env), List.copyOf(kernelArgs)));
    }

    private static Scope chooseScope(Scope current, Scope chosen, String option) {
        if (current != null && current != chosen) {
            throw new IllegalArgumentException(option + " conflicts with an earlier --user, --sys-prefix or --prefix:"
                    + " choose one place to install");
        }
        return chosen;
    }

    /** The kernel runs in the notebook's folder: relative paths are made absolute here (globs kept). */
    private static String absolute(String path) {
        return Path.of(path).isAbsolute() ? path : Path.of("").toAbsolutePath().resolve(path).normalize().toString();
    }

    private static String rawValueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
