package reflow.kernel.maven;

import static reflow.kernel.maven.TestRepository.dep;
import static reflow.kernel.maven.TestRepository.idClass;

import java.nio.file.Path;

/**
 * The repository the Maven tests resolve from. Group {@code t}:
 * <pre>
 * app:1.0 -> lib:1.0 -> core:1.0            (depth 2: nearest, wins)
 *                    -> opt:1.0 (optional)  (left out)
 *                    -> junit-ish:1.0 (test), prov:1.0 (provided)  (left out)
 *                    -> rt:1.0 (runtime)    (kept)
 *         -> mid:1.0 -> deep:1.0 -> core:2.0 (depth 3: loses)
 * usesbom:1.0 imports bom:1.0 (core at 2.0) and depends on core without a version
 * bom2:1.0 manages bommed:1.5 (for %%pom); propdep, frompom: plain jars
 * native:1.0 with classifier linux; svc-api:1.0 (interface) and svc-impl:1.0 (META-INF/services)
 * </pre>
 */
public final class StandardRepository {
    private StandardRepository() {}

    public static TestRepository build(Path root) {
        TestRepository repo = new TestRepository(root);
        repo.library("t:core:1.0", "", idClass("tcore.Core", "core 1.0"));
        repo.library("t:core:2.0", "", idClass("tcore.Core", "core 2.0"));
        repo.library("t:opt:1.0", "", idClass("topt.Opt", "opt"));
        repo.library("t:testonly:1.0", "", idClass("ttest.TestOnly", "test"));
        repo.library("t:prov:1.0", "", idClass("tprov.Prov", "prov"));
        repo.library("t:rt:1.0", "", idClass("trt.Rt", "rt"));
        repo.library("t:late:1.0", "", idClass("tlate.Late", "late"));
        repo.library("t:bommed:1.5", "", idClass("tbommed.Bommed", "bommed 1.5"));
        repo.pomOnly("t:bom2:1.0", "<dependencyManagement><dependencies>" + dep("t:bommed:1.5")
                + "</dependencies></dependencyManagement>");
        repo.library("t:propdep:1.0", "", idClass("tprop.Prop", "prop"));
        repo.library("t:frompom:1.0", "", idClass("tfrompom.FromPom", "from a pom file"));
        repo.library("t:lib:1.0", dep("t:core:1.0") + dep("t:opt:1.0", null, true)
                + dep("t:testonly:1.0", "test", false) + dep("t:prov:1.0", "provided", false) + dep("t:rt:1.0", "runtime", false),
                "package tlib; public class Lib { public static String id() { return \"lib uses \" + tcore.Core.id(); } }");
        repo.library("t:deep:1.0", dep("t:core:2.0"), idClass("tdeep.Deep", "deep"));
        repo.library("t:mid:1.0", dep("t:deep:1.0"), idClass("tmid.Mid", "mid"));
        repo.library("t:app:1.0", dep("t:lib:1.0") + dep("t:mid:1.0"), idClass("tapp.App", "app 1.0"));
        repo.library("t:app:2.0", dep("t:lib:1.0"), idClass("tapp.App", "app 2.0"));
        repo.pomOnly("t:bom:1.0", "<dependencyManagement><dependencies>" + dep("t:core:2.0")
                + "</dependencies></dependencyManagement>");
        repo.artifact("t:usesbom:1.0", null, dep("t:core"),
                "<dependencyManagement><dependencies><dependency><groupId>t</groupId><artifactId>bom</artifactId>"
                        + "<version>1.0</version><type>pom</type><scope>import</scope></dependency></dependencies>"
                        + "</dependencyManagement>", idClass("tbom.UsesBom", "usesbom"));
        repo.library("t:native:1.0", "", idClass("tnative.Plain", "plain"));
        repo.artifact("t:native:1.0", "linux", "", "", idClass("tnative.Linux", "linux"));
        repo.library("t:svc-api:1.0", "", "package tsvc; public interface Greeter { String greet(); }");
        repo.library("t:svc-impl:1.0", dep("t:svc-api:1.0"),
                "package tsvcimpl; public class Hello implements tsvc.Greeter { public String greet() { return \"hello from a service\"; } }",
                "META-INF/services/tsvc.Greeter=tsvcimpl.Hello");
        return repo;
    }
}
