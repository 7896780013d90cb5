package reflow.bench;

/**
 * Figures for the best existing Java kernel (JJava) and for a bare JShell, measured ELSEWHERE on a similar
 * 2-core machine; they were not measured by this run and only give a sense of scale.
 */
final class JJavaReference {
    static final String LABEL = "JJava / bare JShell (measured elsewhere)";

    static final String LAUNCH_TO_KERNEL_INFO = "2.26 s";
    static final String EXECUTE_INT = "79 ms";
    static final String EXECUTE_EXPRESSION = "91 ms";
    static final String COMPLETE = "71 ms";
    static final String CHAIN_BY_HAND = "763 ms";
    static final String RSS = "~390 MB";

    static final String BARE_BUILDER = "140 ms";
    static final String BARE_FIRST_EVAL = "850 ms";
    static final String BARE_INT = "16 ms";
    static final String BARE_EXPRESSION = "40 ms";

    private JJavaReference() {}
}
