package reflow.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallArgumentsTest {

    @Test
    void noOptionsMeansUserInstallOfReflow() {
        InstallArguments arguments = InstallArguments.parse();
        assertEquals(InstallArguments.Scope.USER, arguments.scope());
        assertEquals("reflow", arguments.name());
        assertEquals("Java (Reflow)", arguments.displayName());
    }

    @Test
    void prefixIsMadeAbsolute() {
        InstallArguments arguments = InstallArguments.parse("--prefix", "build/env", "--name", "j17", "--display-name", "Java 17");
        assertEquals(InstallArguments.Scope.PREFIX, arguments.scope());
        assertEquals(Path.of("build/env").toAbsolutePath().normalize(), arguments.prefix());
        assertEquals("j17", arguments.name());
        assertEquals("Java 17", arguments.displayName());
    }

    @Test
    void errorsNameTheOffendingOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InstallArguments.parse("--user", "--sys-prefix"))
                .getMessage().startsWith("--sys-prefix conflicts"));
        assertEquals("--prefix needs a value",
                assertThrows(IllegalArgumentException.class, () -> InstallArguments.parse("--prefix")).getMessage());
        assertEquals("--name needs a value",
                assertThrows(IllegalArgumentException.class, () -> InstallArguments.parse("--name", "--user")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InstallArguments.parse("--name", "my kernel"))
                .getMessage().contains("not a valid kernelspec name"));
        assertEquals("unknown install option 'user'",
                assertThrows(IllegalArgumentException.class, () -> InstallArguments.parse("user")).getMessage());
    }

    @Test
    void helpIsRecognised() {
        assertTrue(InstallArguments.parse("--help").help());
    }

    @Test
    void kernelOptionsRepeatAndPathsBecomeAbsolute() {
        InstallArguments arguments = InstallArguments.parse("--classpath", "lib/*.jar", "--startup", "init.jsh",
                "--jvm-arg", "-Xmx8g", "--env", "A=1", "--env", "B=2");
        Path here = Path.of("").toAbsolutePath();
        assertEquals(List.of("--classpath", here.resolve("lib/*.jar").toString(), "--startup", here.resolve("init.jsh").toString()),
                arguments.options().kernelArgs());
        assertEquals(List.of("-Xmx8g"), arguments.options().jvmArgs());
        assertEquals(java.util.Map.of("A", "1", "B", "2"), arguments.options().env());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InstallArguments.parse("--env", "novalue"))
                .getMessage().contains("NAME=VALUE"));
    }
}
