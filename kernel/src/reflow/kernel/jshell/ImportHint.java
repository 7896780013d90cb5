package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.Diag;
import jdk.jshell.SourceCodeAnalysis;

/**
 * For "cannot find symbol" on a class that exists in the JDK or on the classpath but is not imported, the
 * import to write. Uses JShell's own index of class names (what the jshell tool's "fix imports" uses).
 */
final class ImportHint {
    /** JShell indexes the class path in the background; an error right after start waits for it briefly. */
    private static final long INDEX_WAIT_NANOS = 3_000_000_000L;

    private ImportHint() {}

    static List<String> lines(SourceCodeAnalysis analysis, Diag diag, String snippetSource) {
        String message = diag.getMessage(null);
        // `Foo.bar()` reports Foo as a variable; a capitalised name is worth looking up as a class.
        boolean typeLike = message.contains("symbol:   class ") || message.matches("(?s).*symbol:\\s+variable [A-Z].*");
        if (!"compiler.err.cant.resolve.location".equals(diag.getCode()) || diag.getEndPosition() == Diag.NOPOS || !typeLike) {
            return List.of();
        }
        int end = (int) Math.min(diag.getEndPosition(), snippetSource.length());
        String simpleName = snippetSource.substring((int) Math.max(0, diag.getStartPosition()), end).strip();
        if (!simpleName.matches("[A-Za-z_$][\\w$]*")) {
            return List.of();
        }
        List<String> names = candidates(analysis, snippetSource, end);
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> imports = names.stream().limit(3).map(n -> "import " + n + ";").toList();
        return List.of("hint: " + simpleName + " is not imported; add "
                + (imports.size() == 1 ? "`" + imports.get(0) + "`" : "one of `" + String.join("`, `", imports) + "`")
                + " at the top of the cell");
    }

    private static List<String> candidates(SourceCodeAnalysis analysis, String source, int cursor) {
        long deadline = System.nanoTime() + INDEX_WAIT_NANOS;
        SourceCodeAnalysis.QualifiedNames found = analysis.listQualifiedNames(source, cursor);
        while (!found.isUpToDate() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = analysis.listQualifiedNames(source, cursor);
        }
        List<String> preferred = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        for (String name : found.getNames()) {
            if (name.startsWith("reflow.")) {
                continue; // the kernel's own (and its relocated libraries') classes are not for cells
            }
            boolean jdkInternal = name.startsWith("com.sun.") || name.startsWith("sun.") || name.startsWith("jdk.");
            (jdkInternal ? internal : preferred).add(name);
        }
        return preferred.isEmpty() ? internal : preferred;
    }
}
