package reflow.kernel;

import java.util.List;
import java.util.Map;
import reflow.protocol.messages.KernelInfoReply;

/** What kernel_info_reply says about Reflow and the Java it runs. */
final class KernelInfo {
    static final String VERSION = versionOfJar();
    static final String PROTOCOL_VERSION = "5.3";

    private KernelInfo() {}

    static KernelInfoReply reply(String banner) {
        // name "java" and mimetype "text/x-java" are what JupyterLab's CodeMirror registers for Java.
        KernelInfoReply.LanguageInfo language = new KernelInfoReply.LanguageInfo(
                "java", System.getProperty("java.version"), "text/x-java", ".java", "java", "java", "script");
        return new KernelInfoReply("ok", PROTOCOL_VERSION, "reflow", VERSION, language, banner,
                List.of(Map.of("text", "JShell guide",
                        "url", "https://docs.oracle.com/en/java/javase/17/jshell/introduction-jshell.html")),
                List.of(), false);
    }

    private static String versionOfJar() {
        String v = KernelInfo.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
