package reflow.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Jupyter message header. Unknown fields are tolerated (JupyterLab sends {@code subshell_id: null},
 * header version "5.2"); {@code subshellId} is echoed only when present.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Header(String msgId, String session, String username, String date, String msgType,
                     String version, String subshellId) {}
