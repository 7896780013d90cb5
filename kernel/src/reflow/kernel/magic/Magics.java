package reflow.kernel.magic;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Line magics: a cell whose first non-blank line starts with {@code %} is a magic command, not Java.
 * Each magic returns a MIME bundle to display, or throws {@link MagicException} with a message saying
 * what to type instead.
 */
public final class Magics {

    /** One magic: its one-line help and what it does with its argument text. */
    public record Magic(String usage, String help, Function<String, Map<String, Object>> action) {}

    private final Map<String, Magic> magics = new LinkedHashMap<>();

    public Magics() {
        register("lsmagic", new Magic("%lsmagic", "list the magics", args -> Map.of("text/plain", listing())));
    }

    public void register(String name, Magic magic) {
        magics.put(name, magic);
    }

    public static boolean isMagic(String code) {
        return code.stripLeading().startsWith("%");
    }

    /** Runs every magic line of the cell; returns the bundles to display, in order. */
    public java.util.List<Map<String, Object>> run(String code) throws MagicException {
        java.util.List<Map<String, Object>> outputs = new java.util.ArrayList<>();
        for (String raw : code.strip().split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("//")) continue;
            if (!line.startsWith("%")) {
                throw new MagicException("a magic cell holds only magic lines; `" + line
                        + "` is Java: put it in its own cell");
            }
            String body = line.replaceFirst("^%+", "");
            String name = body.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String args = body.length() > name.length() ? body.substring(name.length()).strip() : "";
            Magic magic = magics.get(name);
            if (magic == null) {
                throw new MagicException("unknown magic %" + name + ". Available: " + String.join(", ",
                        magics.keySet().stream().map(n -> "%" + n).toList()));
            }
            outputs.add(magic.action().apply(args));
        }
        return outputs;
    }

    public java.util.Set<String> names() {
        return magics.keySet();
    }

    private String listing() {
        StringBuilder out = new StringBuilder("Magics:\n");
        magics.values().forEach(m -> out.append(String.format("  %-28s %s%n", m.usage(), m.help())));
        return out.toString().stripTrailing();
    }

    /** A magic used wrongly; the message says how to use it. */
    public static final class MagicException extends RuntimeException {
        public MagicException(String message) {
            super(message);
        }
    }
}
