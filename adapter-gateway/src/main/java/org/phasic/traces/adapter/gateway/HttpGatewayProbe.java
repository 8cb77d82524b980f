package org.phasic.traces.adapter.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.domain.unixfs.ReassemblyLimits;
import org.phasic.traces.ports.in.HealthReport.ProbeStatus;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.GatewayProbe;

/**
 * {@link GatewayProbe} over HTTP: the root block is one {@code GET /ipfs/{cid}?format=raw} with
 * {@code Accept: application/vnd.ipld.raw}, no retry, under a short overall time limit; full fetches go through a
 * {@link GatewayContentSource} limited to that one gateway (so verified as every fetch is). Gateway headers (tokens)
 * from the configuration are sent to their own origins only.
 */
public final class HttpGatewayProbe implements GatewayProbe, Closeable {
    private static final int MAX_BLOCK_BYTES = ReassemblyLimits.DEFAULTS.maxBlockBytes();

    private final GatewaySettings settings;
    private final OkHttpClient base;
    private final OkHttpClient client;
    private final Notices notices;
    private final Map<String, GatewayContentSource> sources = new ConcurrentHashMap<>();

    /**
     * @param settings the gateway settings (configured gateways, their headers, timeouts, User-Agent)
     * @param base     the shared HTTP client
     * @param timeout  the longest a root block probe may take, connection included
     * @param notices  messages of the full-fetch sources
     */
    public HttpGatewayProbe(GatewaySettings settings, OkHttpClient base, Duration timeout, Notices notices) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.base = Objects.requireNonNull(base, "base");
        this.notices = Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the probe timeout must be positive");
        }
        this.client = GatewayHttpClient.create(base, settings).newBuilder().callTimeout(timeout).build();
    }

    @Override
    public List<String> configuredGateways() {
        return settings.gateways().stream().map(GatewayEndpoint::toString).toList();
    }

    @Override
    public String gateway(String url) {
        return GatewayEndpoint.parse(url).toString();
    }

    @Override
    public Result rootBlock(String gateway, Cid root) {
        HttpUrl url = HttpUrl.get(gateway(gateway) + "/ipfs/" + root).newBuilder().addQueryParameter("format", "raw").build();
        Request request = new Request.Builder().url(url).header("Accept", RawBlockRetrieval.ACCEPT).get().build();
        long start = System.nanoTime();
        ProbeStatus status;
        String detail;
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code == 404 || code == 410) {
                status = ProbeStatus.MISSING;
                detail = "HTTP " + code;
            } else if (code != 200) {
                status = ProbeStatus.ERROR;
                detail = "HTTP " + code;
            } else {
                byte[] data;
                try (InputStream in = response.body().byteStream()) {
                    data = in.readNBytes(MAX_BLOCK_BYTES + 1);
                }
                status = verifies(root, data) ? ProbeStatus.OK : ProbeStatus.BAD_BYTES;
                detail = status == ProbeStatus.OK ? "" : "the " + data.length + " bytes served do not hash to the CID";
            }
        } catch (InterruptedIOException e) {
            status = ProbeStatus.TIMEOUT;
            detail = "no answer within the probe's time limit";
        } catch (IOException | RuntimeException e) {
            status = ProbeStatus.ERROR;
            detail = UntrustedText.printable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Result(status, Duration.ofNanos(System.nanoTime() - start), detail);
    }

    private static boolean verifies(Cid root, byte[] data) {
        if (data.length > MAX_BLOCK_BYTES) {
            return false;
        }
        try {
            Block.verified(root, data);
            return true;
        } catch (CorruptContentException e) {
            return false;
        }
    }

    @Override
    public ContentSource source(String gateway) {
        String url = gateway(gateway);
        return sources.computeIfAbsent(url, key -> {
            GatewaySettings one = settings.toBuilder().gateways(List.of(endpoint(key))).build();
            return GatewayContentSource.create(one, base, TransferProgress.NONE, notices);
        });
    }

    /** The configured endpoint for {@code url} (with its headers), else a plain one. */
    private GatewayEndpoint endpoint(String url) {
        return settings.gateways().stream().filter(endpoint -> endpoint.toString().equals(url)).findFirst()
                .orElseGet(() -> GatewayEndpoint.parse(url));
    }

    /** Closes the full-fetch sources. */
    @Override
    public void close() {
        sources.values().forEach(GatewayContentSource::close);
        sources.clear();
    }
}
