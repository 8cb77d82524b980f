package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Kubo RPC API address, in this order: an explicit setting, the {@code IPFS_API}
 * environment variable (multiaddr or URL), the {@code api} file in the repository
 * ({@code $IPFS_PATH}, default {@code ~/.ipfs}), and finally {@code /ip4/127.0.0.1/tcp/5001}.
 * The environment is injected so callers (and tests) decide what it holds.
 */
public final class ApiAddressDiscovery {

    public static final String IPFS_API = "IPFS_API";
    public static final String IPFS_PATH = "IPFS_PATH";
    private static final long MAX_API_FILE_BYTES = 4096;

    private final Map<String, String> environment;
    private final Path userHome;
    private final String defaultAddress;

    /**
     * @param environment    the process environment (normally {@code System.getenv()})
     * @param userHome       the user's home folder (for {@code ~/.ipfs})
     * @param defaultAddress the address used when nothing else names one (normally {@link ApiAddress#DEFAULT_MULTIADDR})
     */
    public ApiAddressDiscovery(Map<String, String> environment, Path userHome, String defaultAddress) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.defaultAddress = Objects.requireNonNull(defaultAddress, "defaultAddress");
        ApiAddress.parse(defaultAddress, ApiAddress.Source.DEFAULT);
    }

    /** Discovery over the real environment and home folder, with Kubo's default address. */
    public static ApiAddressDiscovery fromSystem() {
        return new ApiAddressDiscovery(System.getenv(), Path.of(System.getProperty("user.home")),
                ApiAddress.DEFAULT_MULTIADDR);
    }

    /**
     * The API address to use.
     *
     * @param explicit an address from configuration or a flag, if any (multiaddr or URL)
     * @throws IllegalArgumentException if a configured value is malformed (the message names which one)
     * @throws UncheckedIOException     if the repository's api file exists but cannot be read
     */
    public ApiAddress discover(Optional<String> explicit) {
        Objects.requireNonNull(explicit, "explicit");
        if (explicit.isPresent() && !explicit.get().isBlank()) {
            return ApiAddress.parse(explicit.get(), ApiAddress.Source.EXPLICIT);
        }
        String fromEnv = environment.get(IPFS_API);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ApiAddress.parse(fromEnv, ApiAddress.Source.ENVIRONMENT);
        }
        return repoApiFile().orElseGet(() -> ApiAddress.parse(defaultAddress, ApiAddress.Source.DEFAULT));
    }

    /** The repository folder: {@code $IPFS_PATH} (a leading {@code ~} is expanded) or {@code ~/.ipfs}. */
    public Path repoPath() {
        String configured = environment.get(IPFS_PATH);
        if (configured == null || configured.isBlank()) {
            return userHome.resolve(".ipfs");
        }
        if (configured.equals("~")) {
            return userHome;
        }
        if (configured.startsWith("~/")) {
            return userHome.resolve(configured.substring(2));
        }
        return Path.of(configured);
    }

    /** The address in the repository's {@code api} file, which a running (or crashed) daemon leaves there. */
    public Optional<ApiAddress> repoApiFile() {
        Path apiFile = repoPath().resolve("api");
        try {
            if (Files.size(apiFile) > MAX_API_FILE_BYTES) {
                throw new IllegalArgumentException("IPFS API address file " + apiFile + " is larger than "
                        + MAX_API_FILE_BYTES + " bytes");
            }
            String text = Files.readString(apiFile, StandardCharsets.UTF_8);
            try {
                return Optional.of(ApiAddress.parse(text, ApiAddress.Source.REPO_API_FILE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(apiFile + ": " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IPFS API address file " + apiFile, e);
        }
    }
}
