package reflow.kernel.magic;

import java.util.Locale;
import java.util.Map;
import reflow.kernel.reactive.ReactiveEngine;

/** {@code %reactive [on|off|lazy]}: shows or sets what running a cell does to the cells depending on it. */
public final class ReactiveMagic {
    private final ReactiveEngine engine;

    public ReactiveMagic(ReactiveEngine engine) {
        this.engine = engine;
    }

    public Map<String, Object> run(String args) {
        if (!args.isBlank()) {
            try {
                engine.setMode(ReactiveEngine.Mode.valueOf(args.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Magics.MagicException("%reactive takes on, off or lazy, not `" + args.strip() + "`");
            }
        }
        String meaning = switch (engine.mode()) {
            case ON -> "running a cell re-runs the cells that depend on it";
            case OFF -> "running a cell runs only that cell";
            case LAZY -> "running a cell marks the cells that depend on it stale; running a stale cell first "
                    + "re-runs its stale inputs";
        };
        return Map.of("text/plain", "reactivity: " + engine.mode().name().toLowerCase(Locale.ROOT) + " (" + meaning + ")");
    }
}
