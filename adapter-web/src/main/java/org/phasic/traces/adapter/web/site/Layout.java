package org.phasic.traces.adapter.web.site;

/** The frame every page of the site shares: document language, stylesheet, script, skip link, header and footer. */
final class Layout {
    /** Where the site's stylesheet and script are served, under the site's own path. */
    static final String STATIC = "/static/";
    static final String STYLESHEET = "site.css";
    static final String SCRIPT = "site.js";

    private Layout() {
    }

    /**
     * A whole HTML document.
     *
     * @param base  the path the site is mounted under ({@code ""} at the root)
     * @param title the page title, not yet escaped
     * @param main  the main content, already HTML
     */
    static String page(String base, String title, String main) {
        String home = base.isEmpty() ? "/" : base + "/";
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " - phasic-traces</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + base + STATIC + STYLESHEET + "\">\n"
                + "<script src=\"" + base + STATIC + SCRIPT + "\" defer></script>\n"
                + "</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header class=\"site\"><p class=\"brand\"><a href=\"" + home + "\">phasic-traces</a></p>"
                + "<nav aria-label=\"Site\"><a href=\"" + home + "\">Search traces</a></nav></header>\n"
                + "<main id=\"main\" tabindex=\"-1\">\n" + main + "</main>\n"
                + "<footer class=\"site\"><p>Every file is served from a store that verified it against its content "
                + "identifier (CID). Registry text is shown as written, never interpreted.</p></footer>\n"
                + "</body>\n</html>\n";
    }
}
