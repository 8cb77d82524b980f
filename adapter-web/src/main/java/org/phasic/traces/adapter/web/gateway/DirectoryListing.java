package org.phasic.traces.adapter.web.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.phasic.traces.ports.in.ServedContent;

/** A small HTML page listing a directory's entries; every name is escaped (registry content is untrusted). */
final class DirectoryListing {
    private DirectoryListing() {
    }

    /** The page for {@code content} reached at {@code requestPath} (the decoded segments after {@code /ipfs/}). */
    static byte[] render(ServedContent content, List<String> requestPath) {
        String base = "/ipfs/" + String.join("/", requestPath.stream().map(PathSegments::encode).toList()) + "/";
        StringBuilder html = new StringBuilder(1024);
        String title = "/ipfs/" + String.join("/", requestPath);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title></head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p>CID <code>").append(content.target()).append("</code></p>\n<table>\n")
                .append("<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Size (bytes)</th><th scope=\"col\">CID</th></tr></thead>\n<tbody>\n");
        for (ServedContent.Entry entry : content.entries()) {
            String name = entry.name() + (entry.directory() ? "/" : "");
            html.append("<tr><td><a href=\"").append(escape(base + PathSegments.encode(entry.name())))
                    .append("\">").append(escape(name)).append("</a></td><td>").append(entry.size())
                    .append("</td><td><code>").append(entry.cid()).append("</code></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
