package reflow.protocol.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** history_request: hist_access_type is range, tail or search. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryRequest(boolean output, boolean raw, String histAccessType, int session, int start,
                             int stop, int n, String pattern, boolean unique) {}
