package reflow.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** Content of display_data / update_display_data. */
final class DisplayContent {
    private DisplayContent() {}

    static Map<String, Object> of(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", data);
        content.put("metadata", metadata == null ? Map.of() : metadata);
        content.put("transient", displayId == null ? Map.of() : Map.of("display_id", displayId));
        return content;
    }
}
