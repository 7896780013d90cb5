package reflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --add-opens} flags of the kernelspec template (kernelspec/kernel.json), so that kernels
 * started by tests open to the strict-mode copier exactly what installed kernels open.
 */
public final class KernelspecOpens {
    private KernelspecOpens() {}

    public static final List<String> FLAGS = read();

    private static List<String> read() {
        try (InputStream in = KernelspecOpens.class.getResourceAsStream("/kernelspec/kernel.json")) {
            if (in == null) {
                throw new IllegalStateException("kernelspec/kernel.json is not on the test class path");
            }
            List<String> flags = new ArrayList<>();
            for (JsonNode word : new ObjectMapper().readTree(in).path("argv")) {
                if (word.asText().startsWith("--add-opens=")) {
                    flags.add(word.asText());
                }
            }
            return List.copyOf(flags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
