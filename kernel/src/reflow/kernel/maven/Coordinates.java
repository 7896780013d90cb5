package reflow.kernel.maven;

import java.util.regex.Pattern;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * Parses what users type after {@code %maven}. Maven's own form {@code group:artifact[:extension[:classifier]]:version}
 * and the short form people paste from Gradle or JJava, {@code group:artifact:version[:classifier][@type]}.
 * With four parts, a version-like fourth part means Maven's form ({@code g:a:jar:1.0}), else the short one
 * ({@code g:a:1.0:linux-x86_64}).
 */
public final class Coordinates {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-\\[\\](),${}+]+");

    private Coordinates() {}

    public static Artifact parse(String text) {
        String body = text.strip();
        String type = null;
        int at = body.lastIndexOf('@');
        if (at >= 0) {
            type = body.substring(at + 1);
            body = body.substring(0, at);
        }
        String[] p = body.split(":", -1);
        for (String part : p) {
            if (!PART.matcher(part).matches()) {
                throw syntax(text);
            }
        }
        String extension = "jar";
        String classifier = "";
        String version;
        switch (p.length) {
            case 3 -> version = p[2];
            case 4 -> {
                if (looksLikeVersion(p[3]) && !looksLikeVersion(p[2])) {
                    extension = p[2];
                    version = p[3];
                } else {
                    version = p[2];
                    classifier = p[3];
                }
            }
            case 5 -> {
                extension = p[2];
                classifier = p[3];
                version = p[4];
            }
            default -> throw syntax(text);
        }
        if (type != null) {
            if (!PART.matcher(type).matches()) {
                throw syntax(text);
            }
            if (type.equals("test-jar")) {
                extension = "jar";
                classifier = classifier.isEmpty() ? "tests" : classifier;
            } else {
                extension = type;
            }
        }
        return new DefaultArtifact(p[0], p[1], classifier, extension, version);
    }

    /** {@code group:artifact} of an exclusion; {@code *} allowed in either part. */
    public static String[] parseExclusion(String text) {
        String[] p = text.strip().split(":", -1);
        if (p.length != 2 || !PART.matcher(p[0].replace("*", "x")).matches()
                || !PART.matcher(p[1].replace("*", "x")).matches()) {
            throw new IllegalArgumentException("`" + text + "` is not an exclusion: write --exclude group:artifact "
                    + "(`*` allowed, e.g. org.slf4j:*)");
        }
        return p;
    }

    /** How Maven writes an artifact: group:artifact[:extension[:classifier]]:version, jar without extension. */
    public static String describe(Artifact a) {
        StringBuilder s = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId());
        if (!a.getClassifier().isEmpty()) {
            s.append(':').append(a.getExtension()).append(':').append(a.getClassifier());
        } else if (!a.getExtension().equals("jar")) {
            s.append(':').append(a.getExtension());
        }
        return s.append(':').append(a.getVersion()).toString();
    }

    /** The identity of a library for version conflicts: group, artifact, classifier, extension. */
    public static String key(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension()
                + (a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier());
    }

    private static boolean looksLikeVersion(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.startsWith("[") || s.startsWith("(")
                || s.equals("LATEST") || s.equals("RELEASE"));
    }

    private static IllegalArgumentException syntax(String text) {
        return new IllegalArgumentException("`" + text + "` is not a Maven coordinate: write group:artifact:version "
                + "(e.g. org.apache.commons:commons-lang3:3.14.0), group:artifact:version:classifier, "
                + "or group:artifact:extension:classifier:version");
    }
}
