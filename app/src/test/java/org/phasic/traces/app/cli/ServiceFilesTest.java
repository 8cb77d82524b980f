package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The service definitions, each read back by a parser of its format: the JDK's XML parser (no DTD fetched, no
 * entities) for the launchd property list and the Task Scheduler task, an INI reader and {@code systemd-analyze
 * verify} (where installed) for the systemd unit. The arguments are chosen to need quoting in every format.
 */
class ServiceFilesTest {
    private static final String TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    @TempDir
    Path tmp;

    private ServiceFiles.Service tricky(Path program) {
        return new ServiceFiles.Service("phasic-traces-test", "phasic-traces 100% <test> & more",
                List.of(program.toString(), "--home", tmp.resolve("my home ü").toString(), "--set", "a=\"quoted\" $HOME 'x'",
                        "back\\slash\\", "semi;colon", "", "tab\there"),
                Map.of("IPFS_PATH", tmp.resolve("ipfs repo").toString()), tmp.resolve("Library/Logs"), "LAB\\ada");
    }

    private Path executable(String name) throws IOException {
        Path file = tmp.resolve("bin").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theLaunchdPropertyListHoldsTheCommandWordForWord() throws Exception {
        ServiceFiles.Service service = tricky(executable("phasic-traces"));

        Document plist = parse(ServiceFiles.render(ServiceFiles.Format.LAUNCHD, service), false);

        Map<String, Node> dict = dict(plist.getDocumentElement().getElementsByTagName("dict").item(0));
        assertThat(plist.getDocumentElement().getTagName()).isEqualTo("plist");
        assertThat(dict.get("Label").getTextContent()).isEqualTo("org.phasic.traces.test");
        assertThat(strings(dict.get("ProgramArguments"))).isEqualTo(service.command());
        assertThat(dict(dict.get("EnvironmentVariables")).get("IPFS_PATH").getTextContent())
                .isEqualTo(tmp.resolve("ipfs repo").toString());
        assertThat(dict.get("RunAtLoad").getNodeName()).isEqualTo("true");
        assertThat(dict.get("StandardOutPath").getTextContent()).isEqualTo(tmp.resolve("Library/Logs/phasic-traces-test.log").toString());
    }

    @Test
    void theWindowsTaskRunsTheCommandAtLogOnWithArgumentsAsTheCRuntimeSplitsThem() throws Exception {
        ServiceFiles.Service plain = new ServiceFiles.Service("phasic-traces-serve", "serve", tricky(tmp).command(), Map.of(),
                tmp, "LAB\\ada & co");

        Document task = parse(ServiceFiles.render(ServiceFiles.Format.WINDOWS, plain), true);

        Element root = task.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(TASK_NS);
        assertThat(root.getLocalName()).isEqualTo("Task");
        assertThat(text(root, "LogonTrigger")).contains("true");
        assertThat(text(root, "LogonType")).isEqualTo("InteractiveToken");
        NodeList users = root.getElementsByTagNameNS(TASK_NS, "UserId");
        assertThat(users.getLength()).as("the trigger's and the principal's user").isEqualTo(2);
        assertThat(users.item(0).getTextContent()).isEqualTo("LAB\\ada & co");
        assertThat(users.item(1).getTextContent()).isEqualTo("LAB\\ada & co");
        assertThat(text(root, "ExecutionTimeLimit")).isEqualTo("PT0S");
        assertThat(text(root, "Command")).isEqualTo(tmp.toString());
        assertThat(argv(text(root, "Arguments"))).isEqualTo(plain.command().subList(1, plain.command().size()));

        Document withVariables = parse(ServiceFiles.render(ServiceFiles.Format.WINDOWS, new ServiceFiles.Service("phasic-traces-daemon",
                "ipfs", List.of("C:\\Program Files\\kubo\\ipfs.exe", "daemon", "--init"),
                Map.of("IPFS_PATH", "C:\\Users\\A B\\.ipfs"), tmp, "")), true);
        assertThat(text(withVariables.getDocumentElement(), "Command")).isEqualTo("cmd.exe");
        assertThat(withVariables.getElementsByTagNameNS(TASK_NS, "UserId").getLength()).as("no user known, none named").isZero();
        assertThat(text(withVariables.getDocumentElement(), "Arguments")).isEqualTo(
                "/d /s /c \"set \"IPFS_PATH=C:\\Users\\A B\\.ipfs\" && \"C:\\Program Files\\kubo\\ipfs.exe\" daemon --init\"");
    }

    @Test
    void windowsQuotingRoundTripsThroughTheCRuntimeRules() {
        List<String> words = List.of("plain", "two words", "", "a\"b", "end\\", "C:\\path with space\\", "\\\\\"", "x\\\\y");
        for (String word : words) {
            assertThat(argv(ServiceFiles.windowsQuoted(word))).as(word).containsExactly(word);
        }
    }

    @Test
    void theSystemdUnitIsAnIniFileWhoseExecStartSplitsIntoTheCommand() throws Exception {
        ServiceFiles.Service service = tricky(executable("phasic-traces"));

        String unit = ServiceFiles.render(ServiceFiles.Format.SYSTEMD, service);

        Map<String, Map<String, List<String>>> ini = ini(unit);
        assertThat(ini.keySet()).containsExactly("Unit", "Service", "Install");
        assertThat(ini.get("Unit").get("Description")).containsExactly("phasic-traces 100%% <test> & more");
        assertThat(ini.get("Install").get("WantedBy")).containsExactly("default.target");
        assertThat(ini.get("Service").get("Restart")).containsExactly("on-failure");
        assertThat(systemdWords(ini.get("Service").get("ExecStart").get(0), true)).isEqualTo(service.command());
        assertThat(systemdWords(ini.get("Service").get("Environment").get(0), false))
                .containsExactly("IPFS_PATH=" + tmp.resolve("ipfs repo"));
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Path analyzer = ServiceFiles.onPath(System.getenv(), "systemd-analyze").orElse(null);
        assumeThat(analyzer).as("systemd-analyze is not installed; the INI check above still runs").isNotNull();
        ServiceFiles.Service service = tricky(executable("phasic-traces"));
        Path unit = tmp.resolve("phasic-traces-test.service");
        Files.writeString(unit, ServiceFiles.render(ServiceFiles.Format.SYSTEMD, service));
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));

        ProcessBuilder builder = new ProcessBuilder(analyzer.toString(), "--user", "verify", unit.toString())
                .redirectErrorStream(true);
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("no warnings either").isBlank();
    }

    @Test
    void daemonPrintsAServiceForTheIpfsOnPathWithItsRepository() throws Exception {
        Path ipfs = executable("ipfs");
        Path home = tmp.resolve("home");
        Map<String, String> environment = Map.of("PATH", ipfs.getParent().toString());

        CliRun systemd = CliRun.run(environment, tmp, "--home", home.toString(), "--set", "ipfs.path=" + tmp.resolve("repo"),
                "daemon", "--print-service", "systemd");
        CliRun launchd = CliRun.run(environment, tmp, "--home", home.toString(), "--set", "ipfs.path=" + tmp.resolve("repo"),
                "daemon", "--print-service", "LaunchD");

        assertThat(systemd.code()).as(systemd.err()).isZero();
        assertThat(ini(systemd.out()).get("Service").get("ExecStart")).containsExactly(ipfs + " daemon --init");
        assertThat(ini(systemd.out()).get("Service").get("Environment")).containsExactly("IPFS_PATH=" + tmp.resolve("repo"));
        assertThat(launchd.code()).as(launchd.err()).isZero();
        assertThat(strings(dict(parse(launchd.out(), false).getElementsByTagName("dict").item(0)).get("ProgramArguments")))
                .containsExactly(ipfs.toString(), "daemon", "--init");
        assertThat(home).as("nothing installed, nothing written").doesNotExist();
    }

    @Test
    void badFormatsAndAMissingIpfsAreReported() {
        CliRun unknown = CliRun.run(Map.of(), tmp, "--home", tmp.resolve("home").toString(), "daemon", "--print-service", "upstart");
        CliRun noIpfs = CliRun.run(Map.of("PATH", tmp.toString()), tmp, "--home", tmp.resolve("home").toString(),
                "daemon", "--print-service", "windows");

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("phasic-traces: unknown service format 'upstart'").contains("systemd", "launchd");
        assertThat(noIpfs.code()).isEqualTo(1);
        assertThat(noIpfs.err()).contains("ipfs command (Kubo) is not on PATH", "hint: install Kubo");
        assertThat(noIpfs.out()).isEmpty();
    }

    @Test
    void mirrorPrintsAServiceRunningTheLoopThroughTheLauncherWithTheCurrentHomeAndProfiles() throws Exception {
        Path launcher = executable("phasic-traces");
        Path home = tmp.resolve("home");

        CliRun run = CliRun.run(Map.of(ServiceFiles.LAUNCHER, launcher.toString(), "USERNAME", "ada", "USERDOMAIN", "LAB"), tmp,
                "--home", home.toString(),
                "--profile", "gateway,daemon", "mirror", "--print-service", "windows", "--collection", "coalescent",
                "--interval", "6h", "--pin");
        CliRun withOnce = CliRun.run(Map.of(), tmp, "--home", home.toString(), "mirror", "--print-service", "systemd", "--once");

        assertThat(run.code()).as(run.err()).isZero();
        Element task = parse(run.out(), true).getDocumentElement();
        assertThat(text(task, "Command")).isEqualTo(launcher.toString());
        assertThat(argv(text(task, "Arguments"))).containsExactly("--home", home.toString(), "--profile", "gateway,daemon",
                "mirror", "--interval", "6h", "--collection", "coalescent", "--pin");
        assertThat(text(task, "LogonTrigger")).contains("LAB\\ada");
        assertThat(withOnce.code()).isEqualTo(2);
    }

    /** Parses {@code xml} without fetching a DTD or expanding entities; {@code noDoctype} also refuses any DOCTYPE. */
    private static Document parse(String xml, boolean noDoctype) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", noDoctype);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** A property-list {@code <dict>}: each key to the element after it. */
    private static Map<String, Node> dict(Node dict) {
        Map<String, Node> entries = new LinkedHashMap<>();
        List<Element> children = elements(dict);
        for (int i = 0; i + 1 < children.size(); i += 2) {
            assertThat(children.get(i).getTagName()).isEqualTo("key");
            entries.put(children.get(i).getTextContent(), children.get(i + 1));
        }
        return entries;
    }

    private static List<String> strings(Node array) {
        assertThat(array.getNodeName()).isEqualTo("array");
        return elements(array).stream().peek(e -> assertThat(e.getTagName()).isEqualTo("string")).map(Element::getTextContent).toList();
    }

    private static List<Element> elements(Node parent) {
        List<Element> elements = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String text(Element root, String localName) {
        NodeList found = root.getElementsByTagNameNS(TASK_NS, localName);
        assertThat(found.getLength()).as(localName).isEqualTo(1);
        return found.item(0).getTextContent().strip();
    }

    /** Splits a Windows command line as the C runtime does (CommandLineToArgvW's rules for arguments). */
    private static List<String> argv(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!quoted && (c == ' ' || c == '\t')) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\\') {
                int run = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    run++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    word.append("\\".repeat(run / 2));
                    if (run % 2 == 1) {
                        word.append('"');
                        i++;
                    }
                } else {
                    word.append("\\".repeat(run));
                }
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else {
                word.append(c);
            }
            i++;
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Sections of key=value lines; comments and blank lines allowed; anything else fails. */
    private static Map<String, Map<String, List<String>>> ini(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.matches("\\[[A-Za-z]+]")) {
                current = new LinkedHashMap<>();
                assertThat(sections.put(line.substring(1, line.length() - 1), current)).as("section repeated: " + line).isNull();
                continue;
            }
            assertThat(line).as("a key=value line inside a section").matches("[A-Za-z]+=\\S.*");
            assertThat(current).as("a key before any section: " + line).isNotNull();
            int equals = line.indexOf('=');
            current.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
        }
        return sections;
    }

    /** Splits a systemd value into words: double quotes group, backslash escapes; {@code %%} and (exec) {@code $$} unescaped. */
    private static List<String> systemdWords(String value, boolean exec) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            if (value.charAt(i) == ' ') {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            if (value.charAt(i) == '"') {
                i++;
                while (value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\') {
                        i++;
                    }
                    word.append(value.charAt(i++));
                }
                i++;
            } else {
                while (i < value.length() && value.charAt(i) != ' ') {
                    word.append(value.charAt(i++));
                }
            }
            String unescaped = word.toString().replace("%%", "%");
            words.add(exec ? unescaped.replace("$$", "$") : unescaped);
        }
        return words;
    }
}
