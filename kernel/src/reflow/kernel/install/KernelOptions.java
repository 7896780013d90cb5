package reflow.kernel.install;

import java.util.List;
import java.util.Map;

/**
 * What {@code install} records in kernel.json beyond the defaults: JVM options (before {@code -jar}),
 * environment variables ({@code env}), and kernel arguments ({@code --classpath}, {@code --startup},
 * {@code --maven}, before the connection file).
 */
public record KernelOptions(List<String> jvmArgs, Map<String, String> env, List<String> kernelArgs) {
    public static final KernelOptions NONE = new KernelOptions(List.of(), Map.of(), List.of());
}
