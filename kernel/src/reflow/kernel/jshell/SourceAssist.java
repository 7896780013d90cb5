package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * The editor requests (complete, inspect, is_complete) answered with JShell's source analysis. A cell may
 * hold several snippets; JShell analyses one, so each request works on the snippet around the cursor.
 */
final class SourceAssist {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "var", "record", "yield", "sealed", "permits", "true", "false", "null");

    private final SourceCodeAnalysis analysis;
    private final Supplier<Set<String>> variableNames;

    SourceAssist(SourceCodeAnalysis analysis, Supplier<Set<String>> variableNames) {
        this.analysis = analysis;
        this.variableNames = variableNames;
    }

    Completion complete(String code, int cursor) {
        cursor = clamp(cursor, code);
        int snippetStart = snippetStartBefore(code, cursor);
        String part = code.substring(snippetStart);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(part, cursor - snippetStart, anchor);
        // Suggestions whose type fits the context come first; a name offered twice is shown once.
        Map<String, Boolean> ordered = new LinkedHashMap<>();
        for (boolean typeMatches : new boolean[] {true, false}) {
            for (Suggestion s : suggestions) {
                if (s.matchesType() == typeMatches) {
                    ordered.putIfAbsent(s.continuation(), Boolean.TRUE);
                }
            }
        }
        List<String> matches = new ArrayList<>(ordered.keySet());
        boolean inImport = part.substring(0, anchor[0]).strip().startsWith("import");
        Set<String> variables = variableNames.get();
        List<String> kinds = new ArrayList<>();
        for (String m : matches) {
            kinds.add(kindOf(m, inImport, variables));
        }
        return new Completion(matches, snippetStart + anchor[0], cursor, kinds);
    }

    private static String kindOf(String match, boolean inImport, Set<String> variables) {
        if (match.endsWith("(") || match.endsWith(")")) {
            return "method";
        }
        if (KEYWORDS.contains(match)) {
            return "keyword";
        }
        if (variables.contains(match)) {
            return "variable";
        }
        if (!match.isEmpty() && Character.isUpperCase(match.charAt(0))) {
            return "class";
        }
        return inImport ? "package" : "variable";
    }

    /** Signatures and javadoc of what is at the cursor, as text/plain, text/html and text/markdown. */
    Optional<Map<String, Object>> inspect(String code, int cursor) {
        int end = clamp(cursor, code);
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        if (end < code.length() && code.charAt(end) == '(') {
            end++; // documentation() of "max(" gives the signatures of max
        }
        int snippetStart = snippetStartBefore(code, end);
        String part = code.substring(snippetStart, end);
        List<Documentation> docs = analysis.documentation(part, end - snippetStart, true);
        if (docs.isEmpty() && !part.endsWith("(")) {
            // "Math.max" with the cursor at its end: JShell documents methods only when the call is opened.
            docs = analysis.documentation(part + "(", part.length() + 1, true);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        StringBuilder markdown = new StringBuilder();
        boolean anyJavadoc = false;
        for (Documentation doc : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
                html.append("<hr/>");
                markdown.append("\n\n---\n\n");
            }
            text.append(doc.signature());
            html.append("<pre><code>").append(escape(doc.signature())).append("</code></pre>");
            markdown.append("```java\n").append(doc.signature()).append("\n```");
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                anyJavadoc = true;
                Javadoc javadoc = new Javadoc(doc.javadoc());
                text.append("\n\n").append(javadoc.text());
                html.append(javadoc.html());
                markdown.append("\n\n").append(javadoc.markdown());
            }
        }
        if (!anyJavadoc && !JDK_SOURCES) {
            String note = "No javadoc: this JDK has no sources (lib/src.zip); on Debian/Ubuntu: apt-get install openjdk-"
                    + Runtime.version().feature() + "-source";
            text.append("\n\n").append(note);
            html.append("<p><i>").append(escape(note)).append("</i></p>");
            markdown.append("\n\n*").append(note).append("*");
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text.toString());
        bundle.put("text/html", html.toString());
        bundle.put("text/markdown", markdown.toString());
        return Optional.of(bundle);
    }

    /** JShell reads JDK javadoc from the JDK's src.zip (a dangling link when the -source package is missing). */
    private static final boolean JDK_SOURCES =
            java.nio.file.Files.isReadable(java.nio.file.Path.of(System.getProperty("java.home"), "lib", "src.zip"));

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    Completeness isComplete(String code) {
        List<SourceSnippet> snippets = SourceSnippet.split(analysis, code);
        for (SourceSnippet s : snippets) {
            switch (s.completeness()) {
                case UNKNOWN:
                    return Completeness.invalid();
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.incomplete(nextLineIndent(code));
                default:
                    break;
            }
        }
        return Completeness.complete();
    }

    /** The indent of the last line, four more when that line left a brace or parenthesis open. */
    static String nextLineIndent(String code) {
        String lastLine = code.substring(code.lastIndexOf('\n') + 1);
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        int open = 0;
        for (char c : lastLine.toCharArray()) {
            if (c == '{' || c == '(') {
                open++;
            } else if (c == '}' || c == ')') {
                open--;
            }
        }
        return open > 0 ? indent + "    " : indent;
    }

    /** Start of the snippet that contains {@code cursor}: earlier complete snippets are skipped. */
    private int snippetStartBefore(String code, int cursor) {
        int start = 0;
        for (SourceSnippet s : SourceSnippet.split(analysis, code)) {
            if (s.isComplete() && s.end() <= cursor && s.end() < code.length()) {
                start = s.end();
            } else {
                break;
            }
        }
        return start;
    }

    private static int clamp(int cursor, String code) {
        return Math.max(0, Math.min(cursor, code.length()));
    }
}
