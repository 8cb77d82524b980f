import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints every skipped test of a Surefire report folder with the reason it gave, grouped by reason: Surefire's
 * console shows only how many were skipped. The build runs it after each module's tests
 * ({@code java tools/SkippedTests.java target/surefire-reports [BUILD_START_MILLIS]}; reports older than the build
 * start are left out).
 */
public final class SkippedTests {

    private static final List<String> NOISE = List.of("org.opentest4j.TestAbortedException: ", "Assumption failed: ");

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args[0]);
        long since = args.length > 1 && args[1].matches("\\d+") ? Long.parseLong(args[1]) : 0;
        if (!Files.isDirectory(reports)) {
            return;
        }
        Map<String, List<String>> testsByReason = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml") && modifiedSince(f, since))
                    .sorted().toList();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (Path file : files) {
            NodeList cases = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                NodeList skipped = testcase.getElementsByTagName("skipped");
                if (skipped.getLength() > 0) {
                    String className = testcase.getAttribute("classname");
                    testsByReason.computeIfAbsent(reason((Element) skipped.item(0)), r -> new ArrayList<>())
                            .add(className.substring(className.lastIndexOf('.') + 1) + "." + testcase.getAttribute("name"));
                }
            }
        }
        testsByReason.forEach((reason, tests) -> {
            System.out.println("[WARNING] Skipped " + tests.size() + (tests.size() == 1 ? " test: " : " tests: ") + reason);
            System.out.println("[WARNING]   " + String.join(", ", tests));
        });
    }

    /** Only this build's reports: a test run with -Dtest leaves the other classes' reports of earlier builds. */
    private static boolean modifiedSince(Path file, long millis) {
        try {
            return Files.getLastModifiedTime(file).toMillis() >= millis;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String reason(Element skipped) {
        String text = skipped.getAttribute("message");
        if (text.isBlank()) {
            text = skipped.getTextContent().strip().lines().findFirst().orElse("");
        }
        for (String prefix : NOISE) {
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
            }
        }
        return text.isBlank() ? "(no reason given)" : text;
    }
}
