package reflow.kernel.output;

/**
 * A cell as the presenter needs to know it: the frontend's id (null for a request without one), the
 * execution count the user sees on it and its label ({@code [3] long total = ...}) for reports.
 */
public record CellRef(String id, int executionCount, String label) {}
