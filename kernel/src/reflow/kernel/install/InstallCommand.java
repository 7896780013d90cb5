package reflow.kernel.install;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code java -jar reflow.jar install ...}: installs the Reflow kernelspecs for the JDK running this command. */
public final class InstallCommand {
    private InstallCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the install command with the arguments after {@code install}; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InstallArguments arguments;
        try {
            arguments = InstallArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("reflow install: " + e.getMessage());
            err.println(InstallArguments.USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.println(InstallArguments.USAGE);
            return 0;
        }
        try {
            Path kernelsDirectory = JupyterDataDirectory.kernelsIn(dataDirectory(arguments, out));
            KernelspecInstaller installer = new KernelspecInstaller(runningJava(), runningJar());
            List<KernelspecInstaller.InstalledKernelspec> installed =
                    installer.install(kernelsDirectory, arguments.name(), arguments.displayName(), arguments.options());
            report(installed, arguments, out);
            return 0;
        } catch (Exception e) {
            err.println("reflow install failed: " + e.getMessage());
            return 1;
        }
    }

    private static Path dataDirectory(InstallArguments arguments, PrintStream out) {
        Map<String, String> env = System.getenv();
        return switch (arguments.scope()) {
            case USER -> JupyterDataDirectory.forUser(env, System.getProperty("os.name"),
                    Path.of(System.getProperty("user.home")));
            case PREFIX -> JupyterDataDirectory.forPrefix(arguments.prefix());
            case SYS_PREFIX -> {
                JupyterPython.Found python = JupyterPython.locate(env);
                out.println("Jupyter's Python: " + python.interpreter() + " (sys.prefix " + python.sysPrefix() + ")");
                yield JupyterDataDirectory.forPrefix(python.sysPrefix());
            }
        };
    }

    /** The java of this JVM: a JDK 17+ with jdk.jshell, since Main checked that before dispatching here. */
    static Path runningJava() {
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toAbsolutePath();
    }

    private static Path runningJar() {
        Path location;
        try {
            location = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot tell which jar is running: run `java -jar reflow.jar install`");
        }
        if (!Files.isRegularFile(location) || !location.getFileName().toString().endsWith(".jar")) {
            throw new IllegalStateException("install copies the running jar, but Reflow runs from " + location
                    + ": build the jar with `mvn -B package` and run `java -jar target/reflow.jar install`");
        }
        return location;
    }

    private static void report(List<KernelspecInstaller.InstalledKernelspec> installed, InstallArguments arguments,
                               PrintStream out) {
        for (KernelspecInstaller.InstalledKernelspec spec : installed) {
            out.printf("Installed kernelspec %s (\"%s\", %s mode) in %s%n",
                    spec.name(), spec.displayName(), spec.mode(), spec.directory());
        }
        out.println("Kernels run: " + String.join(" ", installed.get(0).argv()));
        if (arguments.scope() == InstallArguments.Scope.PREFIX) {
            out.println("Jupyter looks in " + JupyterDataDirectory.forPrefix(arguments.prefix())
                    + " only if it is a standard location or listed in JUPYTER_PATH, e.g.:");
            out.println("  export JUPYTER_PATH=" + JupyterDataDirectory.forPrefix(arguments.prefix()));
        }
        out.println("Check with: jupyter kernelspec list");
    }
}
