package dev.agenthive.store.jdbc;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.apache.ibatis.session.Configuration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Puts one shared mapper's XML together with a dialect's {@link MapperOverlay}s and hands MyBatis the
 * result, so that MyBatis still sees one mapper XML per namespace. Each element of an overlay file
 * replaces the element of the same id (any statement tag replaces any statement tag, a fragment
 * replaces a fragment), or supplies what the shared mapper leaves to dialects. Mistakes surface when
 * the store opens, naming the overlay and the element: a statement that matches no mapper method, a
 * fragment or result map nothing uses, a statement or fragment no one supplied.
 */
final class MapperAssembly {
    private static final Set<String> STATEMENT_TAGS = Set.of("select", "insert", "update", "delete");
    private static final String DTD_PUBLIC = "-//mybatis.org//DTD Mapper 3.0//EN";
    private static final String DTD_SYSTEM = "https://mybatis.org/dtd/mybatis-3-mapper.dtd";

    private MapperAssembly() {
    }

    /** Loads the shared mapper, changed by the overlays in order, into the configuration and binds its interface. */
    static void load(Configuration configuration, Class<?> mapper, List<MapperOverlay> overlays) {
        String resource = mapper.getName().replace('.', '/') + ".xml";
        URL shared = mapper.getClassLoader().getResource(resource);
        if (shared == null) {
            throw new IllegalStateException("no mapper XML " + resource + " next to " + mapper.getName());
        }
        Document document = parse(shared, resource);
        Element root = document.getDocumentElement();
        requireNamespace(root, mapper, resource);
        Set<String> methods = statementMethods(mapper);
        List<String> applied = new ArrayList<>();
        for (MapperOverlay overlay : overlays) {
            URL file = overlay.fileFor(mapper);
            if (file == null) {
                continue;
            }
            String where = "overlay '" + overlay.name() + "' (" + file + ")";
            Element overlayRoot = parse(file, where).getDocumentElement();
            List<Element> added = new ArrayList<>();
            requireNamespace(overlayRoot, mapper, where);
            for (Element element : children(overlayRoot)) {
                Element imported = (Element) document.importNode(element, true);
                Element existing = find(root, element.getTagName(), id(element, where));
                if (existing != null) {
                    root.replaceChild(imported, existing);
                } else if (STATEMENT_TAGS.contains(element.getTagName()) && !methods.contains(id(element, where))) {
                    throw new IllegalStateException(where + ": <" + element.getTagName() + " id=\"" + id(element, where)
                            + "\"> replaces no statement of " + mapper.getName() + ", which has none for that id"
                            + " and no method of that name");
                } else {
                    root.appendChild(imported);
                    added.add(imported);
                }
            }
            requireUsed(root, added, where);
            applied.add(overlay.name());
        }
        requireComplete(root, mapper, methods, applied);
        String name = applied.isEmpty() ? resource : resource + " with overlays " + applied;
        // The interface is bound below; MyBatis must not load the shared XML a second time for it.
        configuration.addLoadedResource("namespace:" + mapper.getName());
        new XMLMapperBuilder(new StringReader(serialize(document)), configuration, name,
                configuration.getSqlFragments(), mapper.getName()).parse();
        if (!configuration.hasMapper(mapper)) {
            configuration.addMapper(mapper);
        }
    }

    /** The methods that each need a statement: every abstract method of the mapper interface. */
    private static Set<String> statementMethods(Class<?> mapper) {
        return Arrays.stream(mapper.getMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every method has a statement and every local {@code <include>} a fragment, whoever supplied them. */
    private static void requireComplete(Element root, Class<?> mapper, Set<String> methods, List<String> applied) {
        Set<String> missing = new LinkedHashSet<>();
        for (String method : methods) {
            if (findStatement(root, method) == null) {
                missing.add("statement '" + method + "'");
            }
        }
        for (Element include : elements(root, "include")) {
            String refid = include.getAttribute("refid");
            if (!refid.contains(".") && find(root, "sql", refid) == null) {
                missing.add("<sql> fragment '" + refid + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(mapper.getName() + " has no " + String.join(", ", missing)
                    + " after the dialect's overlays " + applied + "; the shared mapper leaves these to each dialect"
                    + " (see the package documentation of dev.agenthive.store.jdbc)");
        }
    }

    /**
     * A fragment or result map an overlay adds must be used once the overlay is applied, or it is a
     * mistake (a misspelt id); a later overlay may leave it unused by replacing what used it.
     */
    private static void requireUsed(Element root, List<Element> added, String where) {
        for (Element element : added) {
            String id = element.getAttribute("id");
            boolean used = switch (element.getTagName()) {
                case "sql" -> elements(root, "include").stream().anyMatch(include -> include.getAttribute("refid").equals(id));
                case "resultMap" -> elements(root, "*").stream().anyMatch(other -> other.getAttribute("resultMap").equals(id)
                        || other.getAttribute("extends").equals(id));
                default -> true;
            };
            if (!used) {
                throw new IllegalStateException(where + " adds <" + element.getTagName()
                        + " id=\"" + id + "\">, which nothing uses and which replaces nothing");
            }
        }
    }

    private static Element find(Element root, String tag, String id) {
        if (STATEMENT_TAGS.contains(tag)) {
            return findStatement(root, id);
        }
        for (Element child : children(root)) {
            if (child.getTagName().equals(tag) && child.getAttribute("id").equals(id)) {
                return child;
            }
        }
        return null;
    }

    private static Element findStatement(Element root, String id) {
        for (Element child : children(root)) {
            if (STATEMENT_TAGS.contains(child.getTagName()) && child.getAttribute("id").equals(id)) {
                return child;
            }
        }
        return null;
    }

    private static String id(Element element, String where) {
        String id = element.getAttribute("id");
        if (id.isEmpty()) {
            throw new IllegalStateException(where + ": <" + element.getTagName() + "> has no id");
        }
        return id;
    }

    private static void requireNamespace(Element root, Class<?> mapper, String where) {
        if (!root.getTagName().equals("mapper") || !root.getAttribute("namespace").equals(mapper.getName())) {
            throw new IllegalStateException(where + " must be a <mapper namespace=\"" + mapper.getName() + "\">");
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static List<Element> elements(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Document parse(URL file, String where) {
        try (InputStream in = file.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // MyBatis' resolver serves its DTD from the jar; nothing else is ever fetched.
            XMLMapperEntityResolver mybatis = new XMLMapperEntityResolver();
            builder.setEntityResolver((publicId, systemId) -> {
                InputSource source = mybatis.resolveEntity(publicId, systemId);
                return source != null ? source : new InputSource(new StringReader(""));
            });
            return builder.parse(in, file.toString());
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read mapper XML " + where + ": " + e.getMessage(), e);
        }
    }

    private static String serialize(Document document) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, DTD_PUBLIC);
            transformer.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, DTD_SYSTEM);
            StringWriter xml = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(xml));
            return xml.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot assemble mapper XML: " + e.getMessage(), e);
        }
    }
}
