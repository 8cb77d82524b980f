package org.phasic.traces.adapter.ipfs.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake {@code ipfs} executable in a temporary bin folder: a bash script that records its
 * arguments, creates the repository's {@code config} on {@code init}, and on {@code daemon} execs
 * {@link FakeKuboDaemon} (or exits with an error, if told to fail).
 */
final class FakeIpfsCommand {

    private final Path bin;
    private final Path argumentsFile;

    private FakeIpfsCommand(Path bin, Path argumentsFile) {
        this.bin = bin;
        this.argumentsFile = argumentsFile;
    }

    /**
     * @param readyDelayMillis how long the fake daemon takes before it answers
     * @param daemonFails      whether {@code ipfs daemon} exits with an error instead
     */
    static FakeIpfsCommand install(Path folder, long readyDelayMillis, boolean daemonFails) throws IOException {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path arguments = folder.resolve("ipfs-arguments.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FakeKuboDaemon.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        String daemon = daemonFails
                ? "echo 'Error: serveHTTPApi: listen tcp4 127.0.0.1:5001: bind: address already in use'; exit 1"
                : "exec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + classes + "' "
                        + FakeKuboDaemon.class.getName() + " \"$IPFS_PATH\" " + readyDelayMillis;
        String script = "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$*\" >> '" + arguments + "'\n"
                + "case \"$1\" in\n"
                + "  init) mkdir -p \"$IPFS_PATH\" && printf '{\"fake\":true}\\n' > \"$IPFS_PATH/config\""
                + " && echo \"initialized IPFS node at $IPFS_PATH\" ;;\n"
                + "  daemon) " + daemon + " ;;\n"
                + "  *) echo \"fake ipfs: unexpected arguments: $*\" >&2; exit 2 ;;\n"
                + "esac\n";
        Path ipfs = bin.resolve("ipfs");
        Files.writeString(ipfs, script);
        Files.setPosixFilePermissions(ipfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeIpfsCommand(bin, arguments);
    }

    Path bin() {
        return bin;
    }

    /** The argument lines the fake was called with, oldest first. */
    List<String> calls() throws IOException {
        return Files.exists(argumentsFile) ? Files.readAllLines(argumentsFile) : new ArrayList<>();
    }
}
