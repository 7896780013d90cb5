package reflow.it;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import reflow.kernel.maven.MavenResolver;
import reflow.kernel.maven.MavenSettings;

/**
 * Spark's jars as the kernel resolves them for {@code %spark} (the same resolver, settings and local
 * repository: downloaded from Maven Central on a cold ~/.m2, read from it afterwards), for the processes a
 * test starts itself (a standalone master and worker).
 */
final class SparkJars {
    /** The version %spark adds by default. */
    static final String VERSION = "4.0.1";
    static final String COORDINATES = "org.apache.spark:spark-sql_2.13:" + VERSION;

    private SparkJars() {}

    static List<Path> resolve() throws Exception {
        return resolve(COORDINATES);
    }

    /** These artifacts and their runtime dependencies, in Maven's order. */
    static List<Path> resolve(String... coordinates) throws Exception {
        try (MavenResolver resolver = new MavenResolver(MavenSettings.load())) {
            List<Dependency> dependencies = new java.util.ArrayList<>();
            for (String c : coordinates) {
                dependencies.add(new Dependency(new DefaultArtifact(c), "runtime"));
            }
            return resolver.resolve(dependencies, List.of(), progress -> { }).jars();
        }
    }
}
