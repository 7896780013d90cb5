package reflow.kernel.install;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the kernel sets up before the first cell: class path entries, Maven coordinates to resolve and
 * startup files (snippets) to run. From the kernel's arguments ({@code --classpath PATH}, {@code --maven
 * COORDS}, {@code --startup FILE}, each repeatable, as {@code install} records them in kernel.json) and from
 * the environment ({@code REFLOW_CLASSPATH}, {@code REFLOW_STARTUP}: path-separator lists;
 * {@code REFLOW_MAVEN}: a %maven argument line), so they can change without reinstalling.
 */
public record StartupOptions(List<String> classpath, List<String> maven, List<String> startupFiles,
                             List<String> remainingArguments) {

    public static final String CLASSPATH_VARIABLE = "REFLOW_CLASSPATH";
    public static final String STARTUP_VARIABLE = "REFLOW_STARTUP";
    public static final String MAVEN_VARIABLE = "REFLOW_MAVEN";

    public static StartupOptions parse(String[] args, Map<String, String> env) {
        List<String> classpath = new ArrayList<>();
        List<String> maven = new ArrayList<>();
        List<String> startup = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--classpath" -> classpath.add(value(args, ++i, "--classpath"));
                case "--maven" -> maven.add(value(args, ++i, "--maven"));
                case "--startup" -> startup.add(value(args, ++i, "--startup"));
                default -> rest.add(args[i]);
            }
        }
        split(env.get(CLASSPATH_VARIABLE), File.pathSeparator, classpath);
        split(env.get(STARTUP_VARIABLE), File.pathSeparator, startup);
        String mavenLine = env.get(MAVEN_VARIABLE);
        if (mavenLine != null && !mavenLine.isBlank()) {
            maven.add(mavenLine.strip()); // one %maven argument line
        }
        return new StartupOptions(List.copyOf(classpath), List.copyOf(maven), List.copyOf(startup), List.copyOf(rest));
    }

    public static StartupOptions none() {
        return new StartupOptions(List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return classpath.isEmpty() && maven.isEmpty() && startupFiles.isEmpty();
    }

    private static void split(String value, String separator, List<String> into) {
        if (value == null || value.isBlank()) {
            return;
        }
        for (String part : value.strip().split(separator)) {
            if (!part.isBlank()) {
                into.add(part.strip());
            }
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
