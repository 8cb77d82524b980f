package org.phasic.traces.spi;

import java.nio.file.Path;
import java.util.Map;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;

/** What the composition root shares with every profile plugin. */
public interface PluginServices {

    /** The process environment (injected, so tests need not change the real one). */
    Map<String, String> environment();

    /** The user's home folder, where tools such as IPFS keep their state. */
    Path userHome();

    /** Where one-line messages for the user go. */
    Notices notices();

    /** Receives transfer events of network sources (for a progress bar). */
    TransferProgress progress();

    /** The User-Agent every HTTP client sends: {@code phasic-traces/<version>}. */
    String userAgent();

    /**
     * A shared infrastructure object of {@code type}. The composition root offers {@code okhttp3.OkHttpClient}: the
     * one base HTTP client (proxies from {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY}, User-Agent,
     * connection pool and dispatcher); specialise it with {@code newBuilder()} rather than building another.
     *
     * @throws IllegalArgumentException when nothing of that type is shared
     */
    <T> T shared(Class<T> type);
}
