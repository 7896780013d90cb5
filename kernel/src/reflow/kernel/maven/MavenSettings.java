package reflow.kernel.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The parts of Maven's settings.xml that resolution needs, read as {@code mvn} reads them: the user file
 * ({@code ~/.m2/settings.xml}) over the global one ({@code $MAVEN_HOME/conf/settings.xml}), or only the file
 * named by {@code REFLOW_MAVEN_SETTINGS} (like {@code mvn -s}). {@code ${user.home}}, {@code ${env.X}} and
 * system properties are interpolated. Encrypted passwords ({@code {...}}) are not decrypted.
 */
public record MavenSettings(Path localRepository, boolean offline, List<Mirror> mirrors, List<Proxy> proxies,
                            List<Server> servers, List<Repository> repositories, List<Path> files) {

    public record Mirror(String id, String url, String mirrorOf) {}
    public record Proxy(String protocol, String host, int port, String username, String password, String nonProxyHosts) {}
    public record Server(String id, String username, String password) {}
    public record Repository(String id, String url, boolean snapshots) {}

    /** Environment variable naming the only settings file to read (as {@code mvn -s FILE} does). */
    public static final String SETTINGS_VARIABLE = "REFLOW_MAVEN_SETTINGS";

    /** Settings of this process's environment. */
    public static MavenSettings load() {
        return load(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static MavenSettings load(Map<String, String> env, Path home) {
        List<Path> files = new ArrayList<>();
        String override = env.get(SETTINGS_VARIABLE);
        if (override != null && !override.isBlank()) {
            Path file = Path.of(override);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(SETTINGS_VARIABLE + " names " + file + ", which is not a file");
            }
            files.add(file);
        } else {
            files.add(home.resolve(".m2/settings.xml"));
            String mavenHome = env.getOrDefault("MAVEN_HOME", env.get("M2_HOME"));
            if (mavenHome != null && !mavenHome.isBlank()) {
                files.add(Path.of(mavenHome, "conf", "settings.xml"));
            }
        }
        Builder merged = new Builder(env, home);
        for (Path file : files) { // user file first: its values win
            if (Files.isRegularFile(file)) {
                merged.read(file);
            }
        }
        return merged.build();
    }

    /** The server entry (credentials) for a repository id, or null. */
    public Server server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    private static final class Builder {
        private final Map<String, String> env;
        private final Path home;
        private Path localRepository;
        private Boolean offline;
        private final List<Mirror> mirrors = new ArrayList<>();
        private final List<Proxy> proxies = new ArrayList<>();
        private final List<Server> servers = new ArrayList<>();
        private final List<Repository> repositories = new ArrayList<>();
        private final List<Path> read = new ArrayList<>();

        Builder(Map<String, String> env, Path home) {
            this.env = env;
            this.home = home;
        }

        void read(Path file) {
            Element root = parse(file).getDocumentElement();
            read.add(file);
            String local = text(root, "localRepository");
            if (localRepository == null && local != null) {
                localRepository = Path.of(local);
            }
            String off = text(root, "offline");
            if (offline == null && off != null) {
                offline = Boolean.parseBoolean(off);
            }
            for (Element m : children(child(root, "mirrors"), "mirror")) {
                mirrors.add(new Mirror(text(m, "id"), text(m, "url"), orElse(text(m, "mirrorOf"), "*")));
            }
            for (Element p : children(child(root, "proxies"), "proxy")) {
                if (!"false".equals(text(p, "active"))) {
                    proxies.add(new Proxy(orElse(text(p, "protocol"), "http"), text(p, "host"),
                            Integer.parseInt(orElse(text(p, "port"), "8080")), text(p, "username"),
                            text(p, "password"), text(p, "nonProxyHosts")));
                }
            }
            for (Element s : children(child(root, "servers"), "server")) {
                servers.add(new Server(text(s, "id"), text(s, "username"), text(s, "password")));
            }
            readProfiles(root);
        }

        /** Repositories of active profiles: listed in activeProfiles, or activeByDefault. */
        private void readProfiles(Element root) {
            Set<String> active = new LinkedHashSet<>();
            for (Element a : children(child(root, "activeProfiles"), "activeProfile")) {
                active.add(a.getTextContent().strip());
            }
            for (Element profile : children(child(root, "profiles"), "profile")) {
                Element activation = child(profile, "activation");
                boolean byDefault = activation != null && "true".equals(text(activation, "activeByDefault"));
                if (!active.contains(text(profile, "id")) && !byDefault) {
                    continue;
                }
                for (Element r : children(child(profile, "repositories"), "repository")) {
                    Element snapshots = child(r, "snapshots");
                    repositories.add(new Repository(text(r, "id"), text(r, "url"),
                            snapshots != null && !"false".equals(text(snapshots, "enabled"))));
                }
            }
        }

        MavenSettings build() {
            Path local = localRepository != null ? localRepository : home.resolve(".m2/repository");
            return new MavenSettings(local, Boolean.TRUE.equals(offline), List.copyOf(mirrors), List.copyOf(proxies),
                    List.copyOf(servers), List.copyOf(repositories), List.copyOf(read));
        }

        private Document parse(Path file) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                try (var in = Files.newInputStream(file)) {
                    return factory.newDocumentBuilder().parse(in);
                }
            } catch (IOException | SAXException | ParserConfigurationException e) {
                throw new IllegalArgumentException("cannot read Maven settings " + file + ": " + e.getMessage(), e);
            }
        }

        private String text(Element parent, String name) {
            Element e = child(parent, name);
            if (e == null) {
                return null;
            }
            String value = interpolate(e.getTextContent().strip());
            return value.isEmpty() ? null : value;
        }

        private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

        private String interpolate(String value) {
            Matcher m = EXPRESSION.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String key = m.group(1);
                String replacement = key.startsWith("env.") ? env.get(key.substring(4))
                        : key.equals("user.home") ? home.toString() : System.getProperty(key);
                m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
