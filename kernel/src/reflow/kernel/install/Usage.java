package reflow.kernel.install;

/** {@code java -jar reflow.jar --help}. */
public final class Usage {
    private Usage() {}

    public static final String TEXT = String.join("\n",
            "Reflow: a reactive Java kernel for Jupyter.",
            "",
            "Usage:",
            "  java -jar reflow.jar install [options]      install the kernelspecs (install --help for the options)",
            "  java -jar reflow.jar [kernel options] CONNECTION_FILE",
            "                                              run the kernel (Jupyter does this, from kernel.json)",
            "",
            "Kernel options (repeatable; `install` records them in kernel.json):",
            "  --mode strict|relaxed   execution mode (default relaxed)",
            "  --classpath PATH        add jars or class folders before the first cell (globs like lib/*.jar)",
            "  --maven COORDS          resolve Maven coordinates at start (as %maven COORDS)",
            "  --startup FILE          run a .java/.jsh file (or a notebook's code cells) before the first cell",
            "",
            "Environment (no reinstall needed):",
            "  REFLOW_CLASSPATH        like --classpath; entries separated by the path separator",
            "  REFLOW_STARTUP          like --startup; files separated by the path separator",
            "  REFLOW_MAVEN            like --maven (one %maven argument line)",
            "  REFLOW_JVM_OPTS         JVM options such as -Xmx8g (the kernel restarts itself in a JVM with them)",
            "  REFLOW_MAVEN_SETTINGS   the only Maven settings.xml to read (like mvn -s)");
}
