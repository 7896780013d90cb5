package reflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of the kernelspec template (kernelspec/kernel.json): kernels started by tests get its
 * {@code --add-opens}, so they open to the strict-mode copier exactly what installed kernels open.
 */
public final class KernelspecFlags {
    private KernelspecFlags() {}

    /** Every JVM flag of the template (between "java" and "-jar"). */
    public static final List<String> JVM = read();
    /** Its --add-opens flags. */
    public static final List<String> OPENS = JVM.stream().filter(f -> f.startsWith("--add-opens=")).toList();

    private static List<String> read() {
        try (InputStream in = KernelspecFlags.class.getResourceAsStream("/kernelspec/kernel.json")) {
            if (in == null) {
                throw new IllegalStateException("kernelspec/kernel.json is not on the test class path");
            }
            List<String> argv = new ArrayList<>();
            for (JsonNode word : new ObjectMapper().readTree(in).path("argv")) {
                argv.add(word.asText());
            }
            return List.copyOf(argv.subList(1, argv.indexOf("-jar")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
