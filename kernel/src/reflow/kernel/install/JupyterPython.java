package reflow.kernel.install;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Python interpreter Jupyter runs on (the one that can import jupyter_client), for
 * {@code --sys-prefix}. Several Pythons often coexist (system, pyenv, conda), and only one of them has
 * Jupyter, so each candidate is asked rather than trusting the first {@code python3} on PATH.
 */
final class JupyterPython {
    private static final String PRINT_SYS_PREFIX = "import sys, jupyter_client; print(sys.prefix)";

    private JupyterPython() {}

    /** An interpreter and its sys.prefix. */
    record Found(String interpreter, Path sysPrefix) {}

    /** Tries $REFLOW_PYTHON, the interpreter of the {@code jupyter} script, then python3 and python. */
    static Found locate(Map<String, String> env) {
        List<String> candidates = candidates(env);
        for (String interpreter : candidates) {
            Optional<Path> prefix = sysPrefixOf(interpreter);
            if (prefix.isPresent()) {
                return new Found(interpreter, prefix.get());
            }
        }
        throw new IllegalStateException("--sys-prefix needs the Python environment that runs Jupyter, but none of "
                + candidates + " can import jupyter_client: set REFLOW_PYTHON=/path/to/python of that environment,"
                + " or install with --user or --prefix DIR instead");
    }

    static List<String> candidates(Map<String, String> env) {
        Set<String> candidates = new LinkedHashSet<>();
        String chosen = env.get("REFLOW_PYTHON");
        if (chosen != null && !chosen.isBlank()) {
            candidates.add(chosen);
        }
        interpreterOfJupyterScript(env.get("PATH")).ifPresent(candidates::add);
        candidates.add("python3");
        candidates.add("python");
        return new ArrayList<>(candidates);
    }

    /** The {@code #!} interpreter of the first {@code jupyter} script on PATH: the Python Jupyter runs on. */
    static Optional<String> interpreterOfJupyterScript(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path script = Path.of(dir, "jupyter");
            if (Files.isRegularFile(script)) {
                return shebangInterpreter(script);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> shebangInterpreter(Path script) {
        try (BufferedReader reader = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
            String first = reader.readLine();
            if (first == null || !first.startsWith("#!")) {
                return Optional.empty();
            }
            String[] words = first.substring(2).trim().split("\\s+");
            // "#!/usr/bin/env python3" names the interpreter in its second word.
            if (words.length >= 2 && words[0].endsWith("/env")) {
                return Optional.of(words[1]);
            }
            return words[0].isEmpty() ? Optional.empty() : Optional.of(words[0]);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> sysPrefixOf(String interpreter) {
        try {
            Process process = new ProcessBuilder(interpreter, "-c", PRINT_SYS_PREFIX)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 && !output.isEmpty() ? Optional.of(Path.of(output)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not installed under that name
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
