package reflow.kernel.install;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code REFLOW_JVM_OPTS} (e.g. {@code -Xmx8g}): JVM options must be given when a JVM starts, so the kernel
 * starts itself again in a child JVM with them added, and waits for it (the child binds the ports and
 * talks to Jupyter; interrupts arrive as messages). Options are separated by spaces; no quoting.
 */
public final class JvmRelaunch {
    public static final String VARIABLE = "REFLOW_JVM_OPTS";
    private static final String DONE_PROPERTY = "reflow.jvmOptsApplied";

    private JvmRelaunch() {}

    public static boolean wanted(Map<String, String> env) {
        String opts = env.get(VARIABLE);
        return opts != null && !opts.isBlank() && System.getProperty(DONE_PROPERTY) == null;
    }

    /** Runs the child kernel and returns its exit code. */
    public static int run(String[] args, Map<String, String> env) throws Exception {
        List<String> command = command(args, env.get(VARIABLE));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // Jupyter ends the kernel by signalling this process: the child goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "reflow-stop-child-jvm"));
        return child.waitFor();
    }

    static List<String> command(String[] args, String opts) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String opt : opts.strip().split("\\s+")) {
            command.add(opt);
        }
        command.add("-D" + DONE_PROPERTY + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("reflow.kernel.Main");
        command.addAll(List.of(args));
        return command;
    }
}
