package reflow.kernel.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cell's inputs are copied as one graph: variables that aliased one object alias one copy. */
class DeepCopierAliasingTest {
    private final DeepCopier copier = new DeepCopier(new CopyMarks());

    @Test
    void twoVariablesHoldingOneListGetOneCopy() {
        List<Integer> a = new ArrayList<>(List.of(1, 2));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("a", a);
        inputs.put("c", a);
        Map<String, CopyResult> copies = copier.copyAll(inputs);
        Object copyA = copies.get("a").copy();
        assertSame(copyA, copies.get("c").copy());
        assertNotSame(a, copyA);
        assertEquals(a, copyA);
    }

    @Test
    void aliasingReachesInsideOtherVariables() {
        List<String> shared = new ArrayList<>(List.of("x"));
        Map<String, List<String>> byName = new HashMap<>(Map.of("k", shared));
        List<List<String>> nested = new ArrayList<>(List.of(shared, shared));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("shared", shared);
        inputs.put("byName", byName);
        inputs.put("nested", nested);
        Map<String, CopyResult> copies = copier.copyAll(inputs);
        Object sharedCopy = copies.get("shared").copy();
        assertNotSame(shared, sharedCopy);
        assertSame(sharedCopy, ((Map<?, ?>) copies.get("byName").copy()).get("k"));
        List<?> nestedCopy = (List<?>) copies.get("nested").copy();
        assertSame(sharedCopy, nestedCopy.get(0));
        assertSame(sharedCopy, nestedCopy.get(1));
    }

    @Test
    void separateCopiesDoNotAliasEachOther() {
        List<Integer> a = new ArrayList<>(List.of(1));
        assertNotSame(copier.copy("a", a).copy(), copier.copy("c", a).copy(),
                "each copyAll is its own graph: nothing leaks from one cell's copies to the next");
    }

    @Test
    void anUncopyableInputIsSharedByEveryVariableAliasingIt() {
        Thread worker = new Thread(() -> {});
        List<Object> holder = new ArrayList<>(List.of(worker));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("worker", worker);
        inputs.put("holder", holder);
        Map<String, CopyResult> copies = copier.copyAll(inputs);
        assertSame(worker, copies.get("worker").copy());
        assertSame(worker, ((List<?>) copies.get("holder").copy()).get(0));
        assertNotSame(holder, copies.get("holder").copy());
        assertFalse(copies.get("worker").warnings().isEmpty());
    }
}
