package reflow.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The state schema of every model of {@code @jupyter-widgets/controls} 5 and {@code base} 6, as the
 * widgets project publishes it ({@code jupyterwidgetmodels.latest.json} in the npm package
 * {@code @jupyter-widgets/schema}), fetched once with {@code npm pack} into target/ and checked against the
 * states the kernel sends. Nothing here is copied into the kernel: the kernel's defaults are its own, and
 * this is what they are held to.
 */
final class WidgetSchema {
    static final String PACKAGE = "@jupyter-widgets/schema@0.5.6";
    private static final Path DIR = Path.of("target", "widget-schema");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode models;

    private WidgetSchema(JsonNode models) {
        this.models = models;
    }

    static synchronized WidgetSchema load() throws IOException, InterruptedException {
        Path file = DIR.resolve("package").resolve("jupyterwidgetmodels.latest.json");
        if (!Files.exists(file)) {
            Files.createDirectories(DIR);
            run(List.of("npm", "pack", PACKAGE, "--silent"));
            try (var packed = Files.list(DIR)) {
                Path tgz = packed.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
                run(List.of("tar", "xzf", tgz.getFileName().toString()));
            }
        }
        return new WidgetSchema(JSON.readTree(file.toFile()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, command + " failed: " + out);
    }

    /** The schema of {@code modelName} ("IntSliderModel"), or null. */
    JsonNode model(String modelName) {
        for (JsonNode m : models) {
            if (m.path("model").path("name").asText().equals(modelName)) {
                return m;
            }
        }
        return null;
    }

    /**
     * What is wrong with {@code state} as a full state of its model: a missing or extra key, a value of the
     * wrong type or outside its enum, a reference that is not "IPY_MODEL_<id>", wrong module or view.
     */
    List<String> problems(JsonNode state) {
        List<String> problems = new ArrayList<>();
        String name = state.path("_model_name").asText();
        JsonNode schema = model(name);
        if (schema == null) {
            return List.of("no model named " + name + " in " + PACKAGE);
        }
        if (!schema.path("model").path("module").asText().equals(state.path("_model_module").asText())
                || !schema.path("view").path("name").asText().equals(state.path("_view_name").asText())
                || !schema.path("view").path("module").asText().equals(state.path("_view_module").asText())) {
            problems.add(name + ": model/view module or view name differ from " + schema.path("model") + " " + schema.path("view"));
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode attribute : schema.path("attributes")) {
            String key = attribute.path("name").asText();
            expected.add(key);
            JsonNode value = state.get(key);
            if (value == null) {
                problems.add(name + "." + key + " is missing");
                continue;
            }
            String problem = typeProblem(attribute, value);
            if (problem != null) {
                problems.add(name + "." + key + " = " + value + ": " + problem);
            }
        }
        state.fieldNames().forEachRemaining(key -> {
            if (!expected.contains(key)) {
                problems.add(name + "." + key + " is not in the schema");
            }
        });
        return problems;
    }

    private static String typeProblem(JsonNode attribute, JsonNode value) {
        if (value.isNull()) {
            return attribute.path("allow_none").asBoolean(false) ? null : "null is not allowed";
        }
        String type = attribute.path("type").asText();
        boolean fits = switch (type) {
            case "string" -> value.isTextual();
            case "int" -> value.isIntegralNumber();
            case "float" -> value.isNumber();
            case "bool" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object", "Date", "Datetime", "Time" -> value.isObject();
            case "reference" -> value.isTextual() && value.asText().startsWith("IPY_MODEL_");
            default -> true; // unions and the like: not checked
        };
        if (!fits) {
            return "expected " + type;
        }
        JsonNode allowed = attribute.get("enum");
        if (allowed != null && value.isTextual()) {
            for (JsonNode option : allowed) {
                if (option.asText().equals(value.asText())) return null;
            }
            return "not one of " + allowed;
        }
        return null;
    }

    /** The schema's default for an attribute, for tests that compare defaults. */
    JsonNode defaultOf(String modelName, String key) {
        for (JsonNode attribute : model(modelName).path("attributes")) {
            if (attribute.path("name").asText().equals(key)) return attribute.get("default");
        }
        return null;
    }

}
