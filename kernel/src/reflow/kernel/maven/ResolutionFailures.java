package reflow.kernel.maven;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ChecksumFailureException;

/**
 * One message for a failed resolution: what was asked, which repositories were tried, and the reason in
 * plain words (not found, offline, no network, checksum mismatch, credentials refused), without the
 * resolver's stack of wrapped exceptions.
 */
final class ResolutionFailures {
    private ResolutionFailures() {}

    static String describe(List<Dependency> asked, List<RemoteRepository> tried, Exception e, MavenSettings settings) {
        String what = asked.stream().map(d -> Coordinates.describe(d.getArtifact())).collect(Collectors.joining(", "));
        String where = tried.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
        return "Could not resolve " + what + ": " + reason(e, settings) + ". Repositories tried: " + where
                + (settings.offline() ? " (offline mode is on in " + settings.files() + ")" : "")
                + ". Nothing was added to the classpath.";
    }

    static String plainReason(Exception e) {
        return plain(e);
    }

    static String names(List<RemoteRepository> tried) {
        return tried.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
    }

    private static String reason(Exception e, MavenSettings settings) {
        Set<String> reasons = new LinkedHashSet<>();
        if (e instanceof DependencyResolutionException d && d.getResult() != null) {
            for (Exception collect : d.getResult().getCollectExceptions()) {
                reasons.add(plain(collect));
            }
            for (ArtifactResult r : d.getResult().getArtifactResults()) {
                if (!r.isResolved()) {
                    r.getExceptions().forEach(x -> reasons.add(plain(x)));
                }
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(plain(e));
        }
        return String.join("; ", reasons);
    }

    /** The innermost message that says something, with a hint for the common cases. */
    private static String plain(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChecksumFailureException) {
                return "checksum mismatch (" + t.getMessage() + "): the file in the repository does not match its "
                        + "published checksum";
            }
            if (t instanceof ArtifactNotFoundException && !(root instanceof ArtifactNotFoundException)) {
                root = t;
            }
            if (t.getCause() == null || t.getCause() == t) {
                if (!(root instanceof ArtifactNotFoundException)) {
                    root = t;
                }
                break;
            }
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("status code: 401") || lower.contains(" 401 ")) {
            return message + " (the repository wants credentials: add a <server> with its id to settings.xml)";
        }
        if (lower.contains("status code: 403")) {
            return message + " (the credentials were refused)";
        }
        if (root instanceof java.net.UnknownHostException || root instanceof java.net.ConnectException
                || root instanceof java.net.SocketTimeoutException || root instanceof java.net.NoRouteToHostException) {
            return "no network connection to the repository (" + root.getClass().getSimpleName() + ": " + message + ")";
        }
        if (root instanceof ArtifactNotFoundException || e instanceof ArtifactResolutionException && lower.contains("not found")) {
            return message + " (check the coordinates: group, artifact and version)";
        }
        return message;
    }
}
