package reflow.protocol.messages;

import java.util.List;
import java.util.Map;

public record KernelInfoReply(String status, String protocolVersion, String implementation,
                              String implementationVersion, LanguageInfo languageInfo, String banner,
                              List<Map<String, String>> helpLinks, List<String> supportedFeatures,
                              boolean debugger) {

    public record LanguageInfo(String name, String version, String mimetype, String fileExtension,
                               String pygmentsLexer, String codemirrorMode, String nbconvertExporter) {}
}
