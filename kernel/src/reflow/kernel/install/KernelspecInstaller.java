package reflow.kernel.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the two Reflow kernelspecs (relaxed and strict) into a Jupyter {@code kernels} directory.
 *
 * <p>The template {@code kernelspec/kernel.json} inside the jar holds everything but the paths; each
 * installed kernel.json gets the absolute java of the installing JDK (so the kernel never depends on which
 * {@code java} is first on PATH) and the absolute path of its own copy of the jar (so rebuilding or
 * deleting the checkout does not break installed kernels).
 */
public final class KernelspecInstaller {
    static final String TEMPLATE_RESOURCE = "/kernelspec/kernel.json";
    static final List<String> RESOURCE_FILES = List.of("logo-32x32.png", "logo-64x64.png", "logo-svg.svg");
    static final String JAR_FILE_NAME = "reflow.jar";
    static final String STRICT_SUFFIX = "-strict";

    // Placeholders of the template argv that the installer replaces with absolute paths.
    private static final String JAVA_PLACEHOLDER = "java";
    private static final String JAR_PLACEHOLDER = "{resource_dir}/" + JAR_FILE_NAME;
    private static final String CONNECTION_FILE = "{connection_file}";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path javaExecutable;
    private final Path kernelJar;

    /**
     * @param javaExecutable the java that kernels will run on (absolute)
     * @param kernelJar      the shaded reflow jar to copy next to each kernel.json
     */
    public KernelspecInstaller(Path javaExecutable, Path kernelJar) {
        this.javaExecutable = javaExecutable.toAbsolutePath();
        this.kernelJar = kernelJar.toAbsolutePath();
    }

    /** One installed kernelspec, as Jupyter will list it. */
    public record InstalledKernelspec(String name, String displayName, String mode, Path directory, List<String> argv) {}

    /** Installs {@code name} (relaxed) and {@code name-strict} into {@code kernelsDirectory}. */
    public List<InstalledKernelspec> install(Path kernelsDirectory, String name, String displayName) throws IOException {
        return install(kernelsDirectory, name, displayName, KernelOptions.NONE);
    }

    /** The same, with JVM options, environment and kernel arguments recorded in both kernel.json files. */
    public List<InstalledKernelspec> install(Path kernelsDirectory, String name, String displayName, KernelOptions options)
            throws IOException {
        List<InstalledKernelspec> installed = new ArrayList<>();
        installed.add(installOne(kernelsDirectory.resolve(name), name, displayName, "relaxed", List.of(), options));
        String strictName = name + STRICT_SUFFIX;
        installed.add(installOne(kernelsDirectory.resolve(strictName), strictName, strictDisplayName(displayName),
                "strict", List.of("--mode", "strict"), options));
        return installed;
    }

    /** "Java (Reflow)" becomes "Java (Reflow, strict)"; "My Java" becomes "My Java (strict)". */
    static String strictDisplayName(String displayName) {
        String trimmed = displayName.strip();
        if (trimmed.endsWith(")") && trimmed.contains("(")) {
            return trimmed.substring(0, trimmed.length() - 1) + ", strict)";
        }
        return trimmed + " (strict)";
    }

    private InstalledKernelspec installOne(Path directory, String name, String displayName, String mode,
                                           List<String> modeArguments, KernelOptions options) throws IOException {
        List<String> kernelArguments = new ArrayList<>(modeArguments);
        kernelArguments.addAll(options.kernelArgs());
        Files.createDirectories(directory);
        Path jar = directory.resolve(JAR_FILE_NAME);
        copyReplacingAtomically(kernelJar, jar);
        for (String file : RESOURCE_FILES) {
            try (InputStream in = KernelspecInstaller.class.getResourceAsStream("/kernelspec/" + file)) {
                if (in != null) {
                    Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ObjectNode spec = template();
        List<String> argv = argv(spec, jar, kernelArguments);
        argv.addAll(argv.indexOf("-jar"), options.jvmArgs()); // before the archive: it is trained with them
        StringBuilder why = new StringBuilder();
        List<String> jvmFlags = argv.subList(1, argv.indexOf("-jar"));
        Optional<Path> archive = ClassArchive.create(javaExecutable, jar, List.copyOf(jvmFlags), why);
        if (archive.isPresent()) {
            argv.add(1, "-XX:SharedArchiveFile=" + archive.get());
        } else {
            System.err.println("note: " + name + " starts without a class archive (slower start): " + why);
        }
        ArrayNode argvNode = spec.putArray("argv");
        argv.forEach(argvNode::add);
        spec.put("display_name", displayName);
        if (!options.env().isEmpty()) {
            ObjectNode env = spec.putObject("env");
            options.env().forEach(env::put);
        }
        spec.withObjectProperty("metadata").withObjectProperty("reflow").put("mode", mode);
        Files.writeString(directory.resolve("kernel.json"), JSON.writeValueAsString(spec) + "\n");
        return new InstalledKernelspec(name, displayName, mode, directory, argv);
    }

    /** The template argv with java and the jar made absolute and the mode arguments before the connection file. */
    private List<String> argv(ObjectNode spec, Path jar, List<String> kernelArguments) {
        List<String> argv = new ArrayList<>();
        for (JsonNode word : spec.path("argv")) {
            argv.add(word.asText());
        }
        if (argv.isEmpty() || !argv.get(0).equals(JAVA_PLACEHOLDER) || !argv.contains(JAR_PLACEHOLDER)
                || !argv.get(argv.size() - 1).equals(CONNECTION_FILE)) {
            throw new IllegalStateException("the kernelspec template in the jar must start with \"java\", contain \""
                    + JAR_PLACEHOLDER + "\" and end with \"" + CONNECTION_FILE + "\", but its argv is " + argv);
        }
        argv.set(0, javaExecutable.toString());
        argv.set(argv.indexOf(JAR_PLACEHOLDER), jar.toString());
        argv.addAll(argv.size() - 1, kernelArguments);
        return argv;
    }

    private static ObjectNode template() {
        try (InputStream in = KernelspecInstaller.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + TEMPLATE_RESOURCE
                        + ": rebuild it with `mvn package`, which copies kernelspec/ into it");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies through a temporary file and a rename: a kernel still running from the old jar keeps reading
     * the old file instead of seeing it change under it (which crashes a JVM on Linux and macOS).
     */
    private static void copyReplacingAtomically(Path source, Path target) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
