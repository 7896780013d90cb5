package reflow.kernel.magic;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code %classpath PATH...}: adds jars and class folders for the cells to use. Entries are separated by
 * spaces or the platform's path separator; a file name may end in a glob ({@code lib/*.jar}). Relative
 * paths are resolved against the kernel's working directory (the notebook's folder in Jupyter).
 */
public final class ClasspathMagic {
    private final Consumer<String> addToClasspath;
    private final List<String> added = new ArrayList<>();

    public ClasspathMagic(Consumer<String> addToClasspath) {
        this.addToClasspath = addToClasspath;
    }

    public Map<String, Object> run(String args) {
        if (args.isBlank()) {
            return Map.of("text/plain", added.isEmpty() ? "Nothing added yet. Usage: %classpath lib/*.jar classes/"
                    : "Added so far:\n  " + String.join("\n  ", added));
        }
        List<String> now = new ArrayList<>();
        for (String entry : args.strip().split("[\\s" + java.io.File.pathSeparator + "]+")) {
            for (Path path : expand(entry)) {
                addToClasspath.accept(path.toString());
                added.add(path.toString());
                now.add(path.toString());
            }
        }
        return Map.of("text/plain", "Added to the classpath:\n  " + String.join("\n  ", now));
    }

    private static List<Path> expand(String entry) {
        Path path = Path.of(entry).toAbsolutePath().normalize();
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        List<Path> found = new ArrayList<>();
        if (name.contains("*") || name.contains("?")) {
            try (DirectoryStream<Path> matches = Files.newDirectoryStream(path.getParent(), name)) {
                matches.forEach(found::add);
            } catch (IOException e) {
                throw new Magics.MagicException("cannot list " + path.getParent() + ": " + e.getMessage());
            }
            if (found.isEmpty()) {
                throw new Magics.MagicException("no file matches " + path + "; nothing was added");
            }
            found.sort(null);
        } else if (Files.exists(path)) {
            found.add(path);
        } else {
            throw new Magics.MagicException(path + " does not exist; nothing was added for it");
        }
        return found;
    }
}
