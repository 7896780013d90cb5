package reflow.kernel;

import reflow.kernel.install.InstallCommand;
import reflow.kernel.install.JavaRuntimeCheck;

/**
 * Entry point: {@code java -jar reflow.jar [--mode strict|relaxed] CONNECTION_FILE} runs the kernel;
 * {@code java -jar reflow.jar install ...} installs the kernelspecs.
 *
 * <p>Compiled with {@code --release 8} (see pom.xml) so that a too-old Java reaches
 * {@link JavaRuntimeCheck} and explains itself instead of failing with UnsupportedClassVersionError:
 * keep this class to Java 8 syntax and APIs, and do the real work in classes it calls after the check.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        JavaRuntimeCheck.exitIfUnsupported();
        if (args.length > 0 && args[0].equals("install")) {
            String[] installArgs = new String[args.length - 1];
            System.arraycopy(args, 1, installArgs, 0, installArgs.length);
            InstallCommand.main(installArgs);
            return;
        }
        KernelLauncher.run(args);
    }
}
