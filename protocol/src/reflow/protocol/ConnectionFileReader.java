package reflow.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a connection file with Jackson's streaming parser. The kernel reads it first thing at launch,
 * and building {@link Json#MAPPER} (data binding, with its date formats and locale data) takes tens of
 * milliseconds that a kernel_info_reply would wait for; the mapper is built on another thread meanwhile.
 */
final class ConnectionFileReader {
    private ConnectionFileReader() {}

    static ConnectionInfo read(Path file) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "a connection file is a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    fields.put(name, parser.getIntValue());
                } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren(); // objects and arrays: no field of ours
                }
            }
        }
        return new ConnectionInfo(text(fields, "transport"), text(fields, "ip"), port(fields, "shell_port"),
                port(fields, "iopub_port"), port(fields, "stdin_port"), port(fields, "control_port"),
                port(fields, "hb_port"), text(fields, "key"), text(fields, "signature_scheme"),
                text(fields, "kernel_name"));
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }

    private static int port(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof Integer) {
            return value == null ? 0 : (Integer) value;
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is \"" + value + "\", not a port number");
        }
    }
}
