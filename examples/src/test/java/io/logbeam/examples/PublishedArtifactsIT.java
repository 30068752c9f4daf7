package io.logbeam.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a user of the published artifacts gets, checked on the jars this build made: the artifacts listed in
 * {@code bom/pom.xml} (the published set) each come with sources and javadoc jars, a POM with what Maven Central
 * requires, and an {@code Automatic-Module-Name} under which the jar works on the module path.
 *
 * <p>Runs after {@code package} (failsafe): the jars are the ones {@code maven-dependency-plugin} copied to
 * {@code target/lib}, which is why examples depends on every published artifact. A module added to the bom is
 * checked here without a change to this class; it fails, naming what is missing, until examples depends on it.
 */
class PublishedArtifactsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LIB = Path.of("target/lib").toAbsolutePath();
    private static final String VERSION = System.getProperty("logbeam.version");

    /** The names users write in their module-info.java; changing one breaks them. */
    private static final Map<String, String> MODULE_NAMES = Map.of(
            "logbeam-appender-core", "io.logbeam.core",
            "logbeam-logback-appender", "io.logbeam.logback",
            "logbeam-log4j2-appender", "io.logbeam.log4j2",
            "logbeam-consumer", "io.logbeam.consumer",
            "logbeam-testkit", "io.logbeam.testkit");

    private static List<String> published;

    @BeforeAll
    static void readTheBom() throws Exception {
        assertThat(VERSION).as("system property logbeam.version (set in examples/pom.xml)").isNotBlank();
        Document bom = xml(ROOT.resolve("bom/pom.xml"));
        published = new ArrayList<>();
        Element management = child(bom.getDocumentElement(), "dependencyManagement");
        for (Element dependency : children(child(management, "dependencies"), "dependency")) {
            published.add(text(dependency, "artifactId"));
        }
        assertThat(published).containsAll(MODULE_NAMES.keySet());
    }

    @Test
    void everyPublishedJarIsNamedAndLoadsOnTheModulePath() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        for (String artifactId : published) {
            Path jar = LIB.resolve(artifactId + "-" + VERSION + ".jar");
            assertThat(jar).as("%s is in the bom: examples/pom.xml must depend on it", artifactId).isRegularFile();
            String name;
            try (JarFile file = new JarFile(jar.toFile())) {
                name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            }
            assertThat(name).as("Automatic-Module-Name of %s", artifactId).startsWith("io.logbeam.");
            if (MODULE_NAMES.containsKey(artifactId)) {
                assertThat(name).as("Automatic-Module-Name of %s", artifactId).isEqualTo(MODULE_NAMES.get(artifactId));
            }
            names.put(artifactId, name);
        }
        assertThat(Set.copyOf(names.values())).as("module names are distinct").hasSize(names.size());

        // The published jars with everything they need at run time (the frameworks included, as in an application)
        // on a module path: resolving fails on a package split between two jars, and each jar must become the
        // module its manifest names, not one derived from the file name.
        ModuleFinder finder = ModuleFinder.of(jars(LIB).toArray(Path[]::new));
        Set<String> all = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), all);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getPlatformClassLoader());
        for (Map.Entry<String, String> e : names.entrySet()) {
            Module module = layer.findModule(e.getValue()).orElseThrow();
            assertThat(module.getDescriptor().isAutomatic()).isTrue();
            ModuleReference reference = finder.find(e.getValue()).orElseThrow();
            assertThat(reference.location().orElseThrow().getPath()).endsWith(e.getKey() + "-" + VERSION + ".jar");
            // Loading a class defines it in the module, with its superclass and interfaces found through the layer.
            String className = firstPublicTopLevelClass(LIB.resolve(e.getKey() + "-" + VERSION + ".jar"));
            Class<?> loaded = Class.forName(className, false, layer.findLoader(e.getValue()));
            assertThat(loaded.getModule()).isSameAs(module);
        }
    }

    @Test
    void everyPublishedModuleHasSourcesAndJavadocJars() throws IOException {
        for (String artifactId : published) {
            // Folders are named as the artifactId without the "logbeam-" prefix.
            Path target = ROOT.resolve(artifactId.substring("logbeam-".length())).resolve("target");
            try (JarFile sources = new JarFile(target.resolve(artifactId + "-" + VERSION + "-sources.jar").toFile());
                    JarFile javadoc = new JarFile(target.resolve(artifactId + "-" + VERSION + "-javadoc.jar").toFile())) {
                assertThat(sources.stream().map(e -> e.getName())).as(artifactId).anyMatch(n -> n.endsWith(".java"));
                assertThat(javadoc.getEntry("index.html")).as(artifactId + " javadoc").isNotNull();
            }
        }
    }

    /**
     * The POM elements Maven Central requires (https://central.sonatype.org/publish/requirements/): name and
     * description per module, and url, license, developer and scm, which the modules inherit from the parent
     * and the bom's flattened POM carries itself.
     */
    @Test
    void everyPublishedPomHasWhatMavenCentralRequires() throws Exception {
        Element parent = xml(ROOT.resolve("pom.xml")).getDocumentElement();
        List<String> missing = new ArrayList<>();
        missing.addAll(centralMetadata("parent", parent, parent));
        for (String artifactId : published) {
            Element pom = xml(ROOT.resolve(artifactId.substring("logbeam-".length())).resolve("pom.xml"))
                    .getDocumentElement();
            missing.addAll(centralMetadata(artifactId, pom, parent));
        }
        Element bom = xml(ROOT.resolve("bom/target/.flattened-pom.xml")).getDocumentElement();
        assertThat(child(bom, "parent")).as("the published bom has no parent").isNull();
        missing.addAll(centralMetadata("logbeam-bom (as published)", bom, bom));
        assertThat(missing).isEmpty();
    }

    private static List<String> centralMetadata(String what, Element pom, Element inheritedFrom) {
        List<String> missing = new ArrayList<>();
        for (String own : List.of("name", "description")) {
            if (text(pom, own).isBlank()) {
                missing.add(what + ": " + own);
            }
        }
        for (String path : List.of("url", "licenses/license/name", "licenses/license/url", "developers/developer/name",
                "scm/url", "scm/connection", "scm/developerConnection")) {
            if (text(inheritedFrom, path).isBlank()) {
                missing.add(what + ": " + path);
            }
        }
        return missing;
    }

    private static String firstPublicTopLevelClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("META-INF/"))
                    .sorted().map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .filter(PublishedArtifactsIT::isPublic).findFirst().orElseThrow();
        }
    }

    private static boolean isPublic(String className) {
        try {
            return java.lang.reflect.Modifier.isPublic(Class.forName(className, false,
                    PublishedArtifactsIT.class.getClassLoader()).getModifiers());
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The text at a slash-separated path of child elements, or "" when there is none. */
    private static String text(Element element, String path) {
        Element current = element;
        for (String step : path.split("/")) {
            current = current == null ? null : child(current, step);
        }
        return current == null ? "" : current.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }
}
