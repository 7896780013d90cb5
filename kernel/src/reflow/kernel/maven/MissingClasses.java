package reflow.kernel.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reflow.kernel.jshell.CellError;

/**
 * Decides whether a cell's error was a class or package that newly added jars provide: a compile error
 * "cannot find symbol" / "package ... does not exist" naming one of their classes or packages, or a
 * NoClassDefFoundError / ClassNotFoundException for one of their classes.
 */
public final class MissingClasses {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*");
    private final Set<String> names = new HashSet<>();

    public MissingClasses(List<Path> jars) {
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.contains("-"))
                        .forEach(this::addClass);
            } catch (IOException ignored) {
                // an unreadable jar provides nothing we can match
            }
        }
    }

    private void addClass(String entry) {
        String qualified = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        names.add(qualified);
        names.add(qualified.replace('$', '.'));
        int dot = qualified.lastIndexOf('.');
        String simple = qualified.substring(dot + 1);
        names.add(simple.substring(simple.lastIndexOf('$') + 1));
        for (int i = qualified.indexOf('.'); i > 0; i = qualified.indexOf('.', i + 1)) {
            names.add(qualified.substring(0, i)); // every enclosing package
        }
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public boolean explains(CellError error) {
        String text = error.evalue() + "\n" + String.join("\n", error.traceback());
        boolean missing = error.kind() == CellError.Kind.COMPILE
                ? text.contains("cannot find symbol") || text.contains("does not exist")
                : error.ename().contains("NoClassDefFoundError") || error.ename().contains("ClassNotFoundException");
        if (!missing) {
            return false;
        }
        Matcher m = NAME.matcher(text.replace('/', '.'));
        while (m.find()) {
            if (names.contains(m.group())) {
                return true;
            }
        }
        return false;
    }
}
