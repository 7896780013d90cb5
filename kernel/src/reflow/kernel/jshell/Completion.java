package reflow.kernel.jshell;

import java.util.List;

/**
 * Completion candidates for code at a cursor: replace {@code code[cursorStart, cursorEnd)} with one of
 * {@code matches}. {@code kinds} runs parallel to matches (method, class, variable, keyword, package),
 * a cheap guess for the frontend's icons.
 */
public record Completion(List<String> matches, int cursorStart, int cursorEnd, List<String> kinds) {}
