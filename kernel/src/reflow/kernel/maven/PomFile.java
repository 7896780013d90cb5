package reflow.kernel.maven;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What %pom and %%pom read, as a POM file Maven's model builder can take: a whole POM (parent, properties,
 * BOM imports and all), or a fragment ({@code <dependencies>}, {@code <dependency>} elements,
 * {@code <dependencyManagement>}, {@code <properties>}, {@code <repositories>}) wrapped into one. Either way
 * it is given its own coordinates with packaging pom, so that the resolver reads it as a dependency's POM.
 */
public record PomFile(Path file, Artifact artifact) {
    private static final String GROUP = "reflow.notebook";
    private static int counter;

    public static PomFile fromText(String xml, Path directory) {
        String trimmed = xml.strip();
        if (trimmed.startsWith("<?xml")) {
            trimmed = trimmed.substring(trimmed.indexOf("?>") + 2).strip();
        }
        String whole = trimmed.startsWith("<project") ? trimmed
                : "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + (trimmed.startsWith("<dependency>") ? "<dependencies>" + trimmed + "</dependencies>" : trimmed)
                + "</project>";
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(whole)));
            Element project = doc.getDocumentElement();
            String artifactId = "pom-" + next();
            set(doc, project, "groupId", GROUP);
            set(doc, project, "artifactId", artifactId);
            set(doc, project, "version", "1");
            set(doc, project, "packaging", "pom");
            if (child(project, "modelVersion") == null) {
                set(doc, project, "modelVersion", "4.0.0");
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            Files.createDirectories(directory);
            Path file = directory.resolve(artifactId + ".pom");
            Files.writeString(file, out.toString());
            return new PomFile(file, new DefaultArtifact(GROUP, artifactId, "", "pom", "1"));
        } catch (IOException | RuntimeException | javax.xml.parsers.ParserConfigurationException
                 | org.xml.sax.SAXException | javax.xml.transform.TransformerException e) {
            throw new IllegalArgumentException("not a POM or a <dependencies> fragment: " + e.getMessage(), e);
        }
    }

    private static synchronized int next() {
        return ++counter;
    }

    /** Replaces (or adds) a direct child's text: the POM's own coordinates do not matter here. */
    private static void set(Document doc, Element project, String name, String value) {
        Element e = child(project, name);
        if (e == null) {
            e = doc.createElementNS(project.getNamespaceURI(), name);
            project.insertBefore(e, project.getFirstChild());
        }
        e.setTextContent(value);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e;
            }
        }
        return null;
    }
}
