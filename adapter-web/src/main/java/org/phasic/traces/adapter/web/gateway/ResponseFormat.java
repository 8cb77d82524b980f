package org.phasic.traces.adapter.web.gateway;

import java.util.Locale;
import java.util.Optional;

/**
 * The response format a gateway request asks for: {@code ?format=} wins over {@code Accept}; without either (or with
 * only ordinary media types such as {@code text/html} or {@code *}{@code /*}) the deserialized content is served.
 */
enum ResponseFormat {
    /** One block, {@code application/vnd.ipld.raw}. */
    RAW,
    /** A CARv1, {@code application/vnd.ipld.car}. */
    CAR,
    /** The file's bytes, or a directory listing. */
    DESERIALIZED;

    static final String RAW_TYPE = "application/vnd.ipld.raw";
    static final String CAR_TYPE = "application/vnd.ipld.car";

    /**
     * The format for {@code format} (the query parameter, may be null) and {@code accept} (the header, may be null);
     * empty when the request asks only for formats this gateway does not serve (a 406).
     */
    static Optional<ResponseFormat> negotiate(String format, String accept) {
        if (format != null && !format.isEmpty()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "raw" -> Optional.of(RAW);
                case "car" -> Optional.of(CAR);
                default -> Optional.empty();
            };
        }
        if (accept == null || accept.isBlank()) {
            return Optional.of(DESERIALIZED);
        }
        boolean trustlessOnly = true;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals(RAW_TYPE)) {
                return Optional.of(RAW);
            }
            if (type.equals(CAR_TYPE) && carParametersSupported(parts)) {
                return Optional.of(CAR);
            }
            if (!type.startsWith("application/vnd.ipld.") && !type.startsWith("application/vnd.ipfs.")
                    && !type.equals("application/x-tar")) {
                trustlessOnly = false;
            }
        }
        return trustlessOnly ? Optional.empty() : Optional.of(DESERIALIZED);
    }

    /** CARv1 in depth-first ({@code dfs}) or any ({@code unk}) order, with or without duplicates: what we send fits. */
    private static boolean carParametersSupported(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].strip().toLowerCase(Locale.ROOT).split("=", 2);
            String value = pair.length == 2 ? pair[1].strip() : "";
            boolean ok = switch (pair[0].strip()) {
                case "version" -> value.equals("1");
                case "order" -> value.equals("dfs") || value.equals("unk");
                case "dups" -> value.equals("y") || value.equals("n");
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
