package reflow.kernel;

import java.nio.file.Path;
import java.util.UUID;
import reflow.kernel.install.JvmRelaunch;
import reflow.kernel.install.StartupOptions;
import reflow.kernel.install.Usage;
import reflow.kernel.jshell.JShellBridge;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.KernelServer;
import reflow.protocol.ProtocolWarmUp;

/**
 * Runs the kernel: {@code [--mode strict|relaxed] CONNECTION_FILE}. The sockets come up first (Jackson
 * and the HMAC provider get ready on another thread meanwhile); JShell starts building in the background
 * once the frontend's first kernel_info_request is answered, and the first execute waits for it.
 */
public final class KernelLauncher {
    private KernelLauncher() {}

    /** The argument with which the installer runs {@link StartupTraining} to build a class archive. */
    public static final String TRAIN_CLASS_ARCHIVE = "--train-class-archive";

    public static void run(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(TRAIN_CLASS_ARCHIVE)) {
            System.setProperty("java.awt.headless", "true");
            StartupTraining.run();
            System.exit(0);
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(Usage.TEXT);
            return;
        }
        if (JvmRelaunch.wanted(System.getenv())) {
            System.exit(JvmRelaunch.run(args, System.getenv()));
        }
        // Cells may create images and charts; there is no display to draw on.
        System.setProperty("java.awt.headless", "true");
        ProtocolWarmUp.start(() -> KernelInfo.reply("")); // Jackson and HMAC, while this thread binds the sockets
        StartupOptions startup = StartupOptions.parse(args, System.getenv());
        LaunchArguments launch = LaunchArguments.parse(startup.remainingArguments().toArray(String[]::new));
        ConnectionInfo connection = ConnectionInfo.read(Path.of(launch.connectionFile()));
        JavaKernel kernel = new JavaKernel(JShellBridge::startAsync, UUID.randomUUID().toString().substring(0, 8),
                ExecutionMode.parse(launch.mode()));
        kernel.setStartup(startup);
        interruptOnSigint(kernel);
        new KernelServer(connection, kernel).run();
        System.exit(0);
    }

    /**
     * SIGINT interrupts the running cell instead of killing the JVM: clients that ignore interrupt_mode
     * "message", or a Ctrl-C reaching the kernel's process group from a terminal, must not lose the session.
     */
    private static void interruptOnSigint(JavaKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGINT on this platform (or it is reserved): interrupt_request still works.
        }
    }

    record LaunchArguments(String connectionFile, String mode) {
        static LaunchArguments parse(String[] args) {
            String file = null;
            String mode = "relaxed";
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--mode") && i + 1 < args.length) {
                    mode = args[++i];
                } else if (args[i].startsWith("--mode=")) {
                    mode = args[i].substring("--mode=".length());
                } else if (args[i].equals("-f") && i + 1 < args.length) {
                    file = args[++i];
                } else {
                    file = args[i];
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("usage: java -jar reflow.jar [--mode strict|relaxed] CONNECTION_FILE"
                        + "  (or: java -jar reflow.jar install --help)");
            }
            if (!mode.equals("relaxed") && !mode.equals("strict")) {
                throw new IllegalArgumentException("--mode takes strict or relaxed, not `" + mode + "`");
            }
            return new LaunchArguments(file, mode);
        }
    }
}
