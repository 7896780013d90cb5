package reflow.kernel.install;

/**
 * Refuses to start on a Java that cannot run Reflow: older than 17, or a JRE without the jdk.jshell module
 * that evaluates the cells. Without this check such a runtime fails later with a long, cryptic stack trace.
 *
 * <p>This class and {@code reflow.kernel.Main} are compiled with {@code --release 8} (see pom.xml) so that
 * an old JVM can load them and print the explanation; keep them free of newer language features and APIs.
 */
public final class JavaRuntimeCheck {
    static final int MINIMUM_FEATURE_VERSION = 17;

    private JavaRuntimeCheck() {}

    /** Prints the problem and exits with status 1 when this JVM cannot run Reflow. */
    public static void exitIfUnsupported() {
        String problem = problem(System.getProperty("java.specification.version"),
                System.getProperty("java.home"), hasJShell());
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
    }

    /** The one-sentence explanation of why this runtime cannot run Reflow, or null when it can. */
    static String problem(String specificationVersion, String javaHome, boolean hasJShell) {
        int feature = featureVersion(specificationVersion);
        String fix = "install a JDK " + MINIMUM_FEATURE_VERSION + " or newer and run"
                + " `<that JDK>/bin/java -jar reflow.jar install` again so the Jupyter kernelspec uses it.";
        if (feature < MINIMUM_FEATURE_VERSION) {
            return "Reflow needs Java " + MINIMUM_FEATURE_VERSION + " or newer, but it was started by Java "
                    + specificationVersion + " at " + javaHome + ": " + fix;
        }
        if (!hasJShell) {
            return "Reflow evaluates cells with JShell, but the Java runtime at " + javaHome
                    + " has no jdk.jshell module (it is a JRE, not a JDK): " + fix;
        }
        return null;
    }

    /** "1.8" is Java 8, "17" is Java 17; anything unreadable counts as too old. */
    static int featureVersion(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String major = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = major.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? major : major.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean hasJShell() {
        try {
            // Loading without initialising is cheap and works on every Java version (no module API needed).
            Class.forName("jdk.jshell.JShell", false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
