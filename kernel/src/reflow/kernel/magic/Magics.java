package reflow.kernel.magic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The magics: line magics ({@code %name args}) at the top of a cell, before its Java code, and cell magics
 * ({@code %%name args} on the first line, the rest of the cell as body). Each returns a MIME bundle to show
 * (or null), or throws {@link MagicException} with a message saying what to type instead.
 * {@code %name --help} shows a magic's help.
 */
public final class Magics {

    /** What a magic gets: the text after its name, the body of a cell magic (else null), where to show progress. */
    public record Invocation(String args, String body, MagicOutput out) {}

    @FunctionalInterface
    public interface Action {
        Map<String, Object> run(Invocation call);
    }

    /**
     * One magic: its usage line, one line of help for %lsmagic, longer help for --help, what it does, and
     * whether it is a line magic, a cell magic or both.
     */
    public record Magic(String usage, String help, String details, Action action, boolean line, boolean cell) {
        /** A line magic that only needs its argument text. */
        public Magic(String usage, String help, Function<String, Map<String, Object>> action) {
            this(usage, help, null, call -> action.apply(call.args()), true, false);
        }

        public static Magic line(String usage, String help, String details, Action action) {
            return new Magic(usage, help, details, action, true, false);
        }

        public static Magic cell(String usage, String help, String details, Action action) {
            return new Magic(usage, help, details, action, false, true);
        }

        public static Magic both(String usage, String help, String details, Action action) {
            return new Magic(usage, help, details, action, true, true);
        }
    }

    private final Map<String, Magic> magics = new LinkedHashMap<>();

    public Magics() {
        register("lsmagic", Magic.line("%lsmagic", "list the magics with one line of help each",
                "Lists every magic. `%name --help` shows more about one of them.",
                call -> Map.of("text/plain", listing())));
    }

    public void register(String name, Magic magic) {
        magics.put(name, magic);
    }

    /** True when the cell starts with a magic (after blank lines and // comments). */
    public static boolean isMagic(String code) {
        return MagicCell.startsWithMagic(code);
    }

    /** Runs one magic; returns what to show, or null. */
    public Map<String, Object> run(MagicCell.Call call, boolean asCell, MagicOutput out) throws MagicException {
        Magic magic = magics.get(call.name());
        String prefix = asCell ? "%%" : "%";
        if (magic == null || (asCell ? !magic.cell() : !magic.line())) {
            throw new MagicException("unknown magic " + prefix + call.name() + ". Available: " + available()
                    + " (%lsmagic lists them with help)");
        }
        if (call.args().equals("--help") || call.args().equals("-h")) {
            return Map.of("text/plain", help(call.name(), magic));
        }
        return magic.action().run(new Invocation(call.args(), call.body(), out));
    }

    /** Runs every line magic of a magic-only cell (the old entry point); returns the bundles to show. */
    public List<Map<String, Object>> run(String code) throws MagicException {
        MagicCell cell = MagicCell.parse(code);
        if (!cell.javaCode().isBlank()) {
            throw new MagicException("this cell mixes magics and Java code");
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        if (cell.cellMagic() != null) {
            add(outputs, run(cell.cellMagic(), true, MagicOutput.NONE));
        }
        for (MagicCell.Call call : cell.lineMagics()) {
            add(outputs, run(call, false, MagicOutput.NONE));
        }
        return outputs;
    }

    private static void add(List<Map<String, Object>> outputs, Map<String, Object> bundle) {
        if (bundle != null) {
            outputs.add(bundle);
        }
    }

    public Set<String> names() {
        return magics.keySet();
    }

    public Magic get(String name) {
        return magics.get(name);
    }

    private String available() {
        List<String> names = new ArrayList<>();
        magics.forEach((name, m) -> {
            if (m.line()) names.add("%" + name);
            if (m.cell()) names.add("%%" + name);
        });
        return String.join(", ", names);
    }

    private static String help(String name, Magic magic) {
        return magic.usage() + "\n  " + magic.help()
                + (magic.details() == null ? "" : "\n\n" + magic.details().strip());
    }

    private String listing() {
        StringBuilder out = new StringBuilder("Magics (%name --help for more; line magics go at the top of a cell, "
                + "before its Java code; a %%cell magic takes the whole cell):\n");
        magics.values().forEach(m -> out.append(String.format("  %-40s %s%n", m.usage(), m.help())));
        return out.toString().stripTrailing();
    }

    /** A magic used wrongly; the message says how to use it. */
    public static final class MagicException extends RuntimeException {
        public MagicException(String message) {
            super(message);
        }
    }
}
