package reflow.kernel.maven;

/** A resolution that failed as a whole; the message names what was asked and the repositories tried. */
public final class ResolutionException extends Exception {
    public ResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
