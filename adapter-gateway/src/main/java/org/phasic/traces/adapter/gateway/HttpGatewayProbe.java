package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.phasic.traces.ports.out.GatewayProbe;

/**
 * {@link GatewayProbe} over HTTP: a block is one {@code GET /ipfs/{cid}?format=raw} with
 * {@code Accept: application/vnd.ipld.raw}, no retry, under a short overall time limit, verified against its CID.
 * Gateway headers (tokens) from the configuration are sent to their own origins only.
 */
public final class HttpGatewayProbe implements GatewayProbe {
    private static final int MAX_BLOCK_BYTES = ReassemblyLimits.DEFAULTS.maxBlockBytes();

    private final GatewaySettings settings;
    private final OkHttpClient client;

    /**
     * @param settings the gateway settings (configured gateways, their headers, timeouts, User-Agent)
     * @param base     the shared HTTP client
     * @param timeout  the longest one block request may take, connection included
     */
    public HttpGatewayProbe(GatewaySettings settings, OkHttpClient base, Duration timeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
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
    public Result block(String gateway, Cid cid) {
        HttpUrl url = HttpUrl.get(gateway(gateway) + "/ipfs/" + cid).newBuilder().addQueryParameter("format", "raw").build();
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
                Duration latency = Duration.ofNanos(System.nanoTime() - start);
                if (verifies(cid, data)) {
                    return new Result(ProbeStatus.OK, latency, "", Optional.of(data));
                }
                return Result.failed(ProbeStatus.BAD_BYTES, latency, "the " + data.length + " bytes served do not hash to the CID");
            }
        } catch (InterruptedIOException e) {
            status = ProbeStatus.TIMEOUT;
            detail = "no answer within the probe's time limit";
        } catch (IOException | RuntimeException e) {
            status = ProbeStatus.ERROR;
            detail = UntrustedText.printable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return Result.failed(status, Duration.ofNanos(System.nanoTime() - start), detail);
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
}
