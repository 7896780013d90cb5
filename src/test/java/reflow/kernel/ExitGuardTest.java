package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;
import reflow.testing.TestJar;

/**
 * Every way cell code (or a library jar added at run time) reaches System.exit, Runtime.exit or
 * Runtime.halt is blocked with an error in the cell, and the kernel process lives on with its variables.
 */
class ExitGuardTest {
    @TempDir
    static Path dir;
    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void start() throws Exception {
        Path jar = TestJar.build(dir, "quitter", Map.of("lib.Quitter", """
                package lib;
                import java.lang.invoke.MethodHandles;
                import java.lang.invoke.MethodType;
                public class Quitter {
                    public static void direct() { System.exit(4); }
                    public static void halt() { Runtime.getRuntime().halt(5); }
                    public static void reflective() throws Exception {
                        Runtime.class.getMethod("exit", int.class).invoke(Runtime.getRuntime(), 6);
                    }
                    public static void handle() throws Throwable {
                        MethodHandles.publicLookup().findStatic(System.class, "exit",
                                MethodType.methodType(void.class, int.class)).invokeExact(7);
                    }
                    public static void methodReference() {
                        java.util.function.IntConsumer quit = System::exit;
                        quit.accept(8);
                    }
                }
                """));
        kernel = KernelProcess.start("reflow.kernel.Main");
        client = kernel.connect(Duration.ofSeconds(30));
        assertEquals("ok", client.executeAndCollect("%classpath " + jar).status());
        assertEquals("ok", client.executeAndCollect("int survivor = 41;").status());
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Runtime.getRuntime().exit(0);",
            "Runtime.getRuntime().halt(0);",
            "Runtime.class.getMethod(\"exit\", int.class).invoke(Runtime.getRuntime(), 0);",
            "System.class.getMethod(\"exit\", int.class).invoke(null, 0);",
            "Runtime.class.getDeclaredMethod(\"halt\", int.class).invoke(Runtime.getRuntime(), 0);",
            // reflection on reflection
            "java.lang.reflect.Method.class.getMethod(\"invoke\", Object.class, Object[].class)"
                    + ".invoke(System.class.getMethod(\"exit\", int.class), null, new Object[] {0});",
            "java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, \"exit\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 0);",
            "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(0);",
            "java.lang.invoke.MethodHandles.lookup().unreflect(System.class.getMethod(\"exit\", int.class)).invoke(0);",
            "java.lang.invoke.MethodHandles.lookup().bind(Runtime.getRuntime(), \"exit\","
                    + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(0);",
            // a handle on Method.invoke, pointed at exit
            "java.lang.invoke.MethodHandles.lookup().findVirtual(java.lang.reflect.Method.class, \"invoke\","
                    + " java.lang.invoke.MethodType.methodType(Object.class, Object.class, Object[].class))"
                    + ".invoke(System.class.getMethod(\"exit\", int.class), (Object) null, new Object[] {0});",
            // Lookup.findStatic called reflectively
            "java.lang.invoke.MethodHandles.Lookup.class.getMethod(\"findStatic\", Class.class, String.class,"
                    + " java.lang.invoke.MethodType.class).invoke(java.lang.invoke.MethodHandles.lookup(), System.class,"
                    + " \"exit\", java.lang.invoke.MethodType.methodType(void.class, int.class));",
            "java.util.function.IntConsumer quit = System::exit; quit.accept(0);",
            // a catch in the cell does not hide it
            "try { System.exit(0); } catch (Exception e) { }",
            "lib.Quitter.direct();",
            "lib.Quitter.halt();",
            "lib.Quitter.reflective();",
            "lib.Quitter.handle();",
            "lib.Quitter.methodReference();",
    })
    void exitIsBlockedAndTheKernelLives(String code) {
        KernelClient.Execution run = client.executeAndCollect(code);
        assertEquals("error", run.status(), code);
        String evalue = run.reply().field("evalue").asText();
        assertTrue(evalue.contains("was blocked"), code + " -> " + evalue);
        assertTrue(kernel.isAlive(), code + " ended the kernel");
        assertEquals(List.of("42"), results(client.executeAndCollect("survivor + 1")));
    }

    /** A thread the cell starts is cell code too: its exit is blocked (the exception ends that thread only). */
    @ParameterizedTest
    @ValueSource(strings = {"System.exit(0)", "lib.Quitter.direct()"})
    void exitFromABackgroundThreadIsBlocked(String call) {
        String code = "var outcome = new java.util.concurrent.atomic.AtomicReference<String>(\"ran on\");"
                + " Thread t = new Thread(() -> { try { " + call + "; }"
                + " catch (Throwable e) { outcome.set(e.getMessage()); } }); t.start(); t.join(); outcome.get()";
        KernelClient.Execution run = client.executeAndCollect(code);
        assertEquals("ok", run.status(), run.iopub().toString());
        assertTrue(results(run).get(0).contains("was blocked"), results(run).toString());
        assertTrue(kernel.isAlive());
    }

    private static List<String> results(KernelClient.Execution run) {
        return run.ofType("execute_result").stream().map(m -> m.field("data").path("text/plain").asText()).toList();
    }
}
