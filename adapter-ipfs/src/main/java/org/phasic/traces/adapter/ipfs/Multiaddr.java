package org.phasic.traces.adapter.ipfs;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * The subset of multiaddrs that name an HTTP API endpoint:
 * {@code /ip4/<addr>/tcp/<port>}, {@code /ip6/<addr>/tcp/<port>}, {@code /dns|dns4|dns6/<host>/tcp/<port>},
 * optionally followed by {@code /http} or {@code /https}.
 *
 * @param protocol ip4, ip6, dns, dns4 or dns6
 * @param host     the address or host name (IPv6 without brackets)
 * @param port     1..65535
 * @param https    whether the endpoint speaks TLS ({@code /https} suffix)
 */
public record Multiaddr(String protocol, String host, int port, boolean https) {

    private static final List<String> HOST_PROTOCOLS = List.of("ip4", "ip6", "dns", "dns4", "dns6");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    public Multiaddr {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        if (!HOST_PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("unsupported multiaddr protocol '" + protocol + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses a multiaddr such as {@code /ip4/127.0.0.1/tcp/5001}.
     *
     * @throws IllegalArgumentException naming the text and the part that is wrong
     */
    public static Multiaddr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (!trimmed.startsWith("/")) {
            throw invalid(text, "a multiaddr starts with '/'");
        }
        String[] parts = trimmed.substring(1).split("/", -1);
        if (parts.length != 4 && parts.length != 5) {
            throw invalid(text, "expected /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>[/http|/https]");
        }
        String protocol = parts[0];
        if (!HOST_PROTOCOLS.contains(protocol)) {
            throw invalid(text, "unsupported protocol '" + protocol + "' (supported: " + String.join(", ", HOST_PROTOCOLS)
                    + " followed by tcp)");
        }
        String host = parts[1];
        checkHost(text, protocol, host);
        if (!parts[2].equals("tcp")) {
            throw invalid(text, "expected 'tcp' after the host, found '" + parts[2] + "'");
        }
        int port = parsePort(text, parts[3]);
        boolean https = false;
        if (parts.length == 5) {
            switch (parts[4]) {
                case "http" -> https = false;
                case "https", "tls" -> https = true;
                default -> throw invalid(text, "unsupported suffix '" + parts[4] + "' (only /http or /https)");
            }
        }
        return new Multiaddr(protocol, host, port, https);
    }

    private static void checkHost(String text, String protocol, String host) {
        boolean ok = switch (protocol) {
            case "ip4" -> IPV4.matcher(host).matches();
            case "ip6" -> IPV6.matcher(host).matches() && host.contains(":");
            default -> DNS_NAME.matcher(host).matches();
        };
        if (!ok) {
            throw invalid(text, "'" + host + "' is not a valid " + protocol + " host");
        }
    }

    private static int parsePort(String text, String port) {
        if (!port.matches("\\d{1,5}")) {
            throw invalid(text, "'" + port + "' is not a TCP port");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw invalid(text, "port " + value + " is out of range 1..65535");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid multiaddr '" + UntrustedText.printable(text) + "': " + why);
    }

    /** The HTTP URL of this endpoint, for example {@code http://127.0.0.1:5001}. */
    public URI toHttpUri() {
        String hostPart = protocol.equals("ip6") ? "[" + host + "]" : host;
        return URI.create((https ? "https" : "http") + "://" + hostPart + ":" + port);
    }

    @Override
    public String toString() {
        return "/" + protocol + "/" + host + "/tcp/" + port + (https ? "/https" : "");
    }
}
