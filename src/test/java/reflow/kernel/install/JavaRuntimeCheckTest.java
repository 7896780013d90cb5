package reflow.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaRuntimeCheckTest {

    @Test
    void readsOldAndNewVersionSchemes() {
        assertEquals(8, JavaRuntimeCheck.featureVersion("1.8"));
        assertEquals(11, JavaRuntimeCheck.featureVersion("11"));
        assertEquals(25, JavaRuntimeCheck.featureVersion("25"));
        assertEquals(0, JavaRuntimeCheck.featureVersion("unknown"));
    }

    @Test
    void oldJavaIsToldToInstallAJdk17() {
        String problem = JavaRuntimeCheck.problem("11", "/usr/lib/jvm/java-11", true);
        assertTrue(problem.contains("needs Java 17 or newer") && problem.contains("Java 11 at /usr/lib/jvm/java-11"), problem);
        assertTrue(problem.contains("install a JDK 17 or newer") && problem.contains("install` again"), problem);
    }

    @Test
    void jreWithoutJShellIsNamedAsSuch() {
        String problem = JavaRuntimeCheck.problem("21", "/opt/jre-21", false);
        assertTrue(problem.contains("no jdk.jshell module (it is a JRE, not a JDK)"), problem);
    }

    @Test
    void jdk17WithJShellIsAccepted() {
        assertNull(JavaRuntimeCheck.problem("17", "/usr/lib/jvm/java-17", true));
    }
}
