package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;

class DirectoryListingTest {
    private static final Cid ROOT = Fixtures.KINGMAN_V0.root();

    @Test
    void readsTheEntriesOfTheJsIpfsListing() {
        assertThat(DirectoryListing.entryNames(Fixtures.listingHtml(), ROOT))
                .containsExactly("checksum.sha256", "metadata.json", "trace.json.gz");
    }

    @Test
    void acceptsAbsoluteLinksQueriesEscapesAndSingleQuotes() {
        String html = "<a href='https://gw.example/ipfs/" + ROOT + "/a%20b.json?download=true'>x</a>"
                + "<a href=\"/ipfs/" + ROOT + "/caf%C3%A9&amp;co.txt#top\">y</a>"
                + "<A HREF=\"/ipfs/" + ROOT + "/a%20b.json\">dup</A>";
        assertThat(DirectoryListing.entryNames(html, ROOT)).containsExactly("a b.json", "café&co.txt");
    }

    @Test
    void ignoresOtherRootsParentsSubpathsAndUnsafeNames() {
        String html = "<a href=\"/ipfs/" + ROOT + "/\">self</a>"
                + "<a href=\"/ipfs/" + ROOT + "/..\">up</a>"
                + "<a href=\"/ipfs/" + ROOT + "/%2e%2e\">up</a>"
                + "<a href=\"/ipfs/" + ROOT + "/dir/file\">deep</a>"
                + "<a href=\"/ipfs/" + ROOT + "/a%2Fb\">slash</a>"
                + "<a href=\"/ipfs/" + ROOT + "/bad%ZZ\">escape</a>"
                + "<a href=\"/ipfs/" + Fixtures.KINGMAN_V1.root() + "/trace.json.gz\">other</a>"
                + "<a href=\"trace.json.gz\">relative</a>"
                + "<a href=\"https://ipfs.tech\">home</a>";
        assertThat(DirectoryListing.entryNames(html, ROOT)).isEmpty();
    }
}
