package reflow.kernel.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyMarksTest {
    private final CopyMarks marks = new CopyMarks();

    @Test
    void markingReturnsTheSameObject() {
        List<String> list = new ArrayList<>();
        assertSame(list, marks.zeroCopy(list));
        assertSame(list, marks.shallowCopy(list));
        assertNull(marks.zeroCopy(null));
    }

    @Test
    void marksFollowIdentityNotEquality() {
        List<String> marked = marks.zeroCopy(new ArrayList<>(List.of("a")));
        List<String> equalTwin = new ArrayList<>(List.of("a"));
        List<String> shallow = marks.shallowCopy(new ArrayList<>(List.of("b")));

        assertEquals(CopyMarks.Mark.ZERO_COPY, marks.mark(marked));
        assertEquals(CopyMarks.Mark.NONE, marks.mark(equalTwin));
        assertEquals(CopyMarks.Mark.SHALLOW_COPY, marks.mark(shallow));
        assertEquals(CopyMarks.Mark.NONE, marks.mark(null));
    }

    @Test
    void aLaterMarkReplacesAnEarlierOne() {
        Object value = new Object();
        marks.zeroCopy(value);
        marks.shallowCopy(value);
        assertEquals(CopyMarks.Mark.SHALLOW_COPY, marks.mark(value));
    }

    @Test
    void marksDoNotKeepValuesAlive() {
        WeakReference<Object> ref = markAndForget();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            byte[] pressure = new byte[1 << 20];
            assertNotNull(pressure);
        }
        assertNull(ref.get(), "a marked value must be collectable once the notebook drops it");
    }

    private WeakReference<Object> markAndForget() {
        Object value = new int[1000];
        marks.zeroCopy(value);
        return new WeakReference<>(value);
    }
}
