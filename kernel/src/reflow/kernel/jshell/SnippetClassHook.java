package reflow.kernel.jshell;

import java.util.Map;
import java.util.Set;

/**
 * Sees every snippet class (a cell's wrapper class, and the classes, records and lambdas' owners declared
 * in cells) just before it is defined, with JShell's bytecode, and may hand back a rewritten version to
 * define instead (the interrupt instrumentation comes after). The Spark glue uses it to write the classes
 * where executors fetch them and to make serializable lambdas capture the cell variables they read.
 */
@FunctionalInterface
public interface SnippetClassHook {
    SnippetClassHook NONE = (className, bytecode) -> bytecode;

    /** The bytes to define for {@code className} (binary name, e.g. {@code REPL.$JShell$12$Word}). */
    byte[] beforeDefine(String className, byte[] bytecode);

    /**
     * All classes of one compile (binary name to JShell's bytes), before the first of them is defined: a
     * class's rewrite may depend on a batch-mate defined after it (a wrapper is defined after its nested
     * classes).
     */
    default void beforeBatch(Map<String, byte[]> bytecodes) {
    }

    /** Classes of replaced or dropped snippets (binary names), no longer defined for any live snippet. */
    default void forgotten(Set<String> classNames) {
    }
}
