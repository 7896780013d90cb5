package reflow.protocol.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** execute_request content, with the spec's defaults for omitted fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecuteRequest(String code, boolean silent, boolean storeHistory,
                             Map<String, String> userExpressions, boolean allowStdin, boolean stopOnError) {
    @JsonCreator
    public static ExecuteRequest of(@JsonProperty("code") String code,
                                    @JsonProperty("silent") Boolean silent,
                                    @JsonProperty("store_history") Boolean storeHistory,
                                    @JsonProperty("user_expressions") Map<String, String> userExpressions,
                                    @JsonProperty("allow_stdin") Boolean allowStdin,
                                    @JsonProperty("stop_on_error") Boolean stopOnError) {
        boolean quiet = silent != null && silent;
        return new ExecuteRequest(code == null ? "" : code, quiet,
                storeHistory == null ? !quiet : storeHistory && !quiet,
                userExpressions == null ? Map.of() : userExpressions,
                allowStdin == null || allowStdin,
                stopOnError == null || stopOnError);
    }
}
