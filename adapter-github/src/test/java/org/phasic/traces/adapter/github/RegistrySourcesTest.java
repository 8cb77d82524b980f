package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload.Fetched;
import org.phasic.traces.ports.out.RegistrySource.RegistryDownload.NotModified;

class RegistrySourcesTest {
    @TempDir
    Path dir;

    private final RegistrySources sources = new RegistrySources(new OkHttpClient(), HttpSettings.DEFAULTS);

    @Test
    void repositoryAndBranchByDefaultUrlOrPathWhenGiven() throws Exception {
        Path file = Files.writeString(dir.resolve("registry.json"), "{}");

        assertThat(sources.select(Optional.empty(), "o/r", "main")).isInstanceOf(HttpRegistrySource.class)
                .extracting(RegistrySource::location).isEqualTo("https://raw.githubusercontent.com/o/r/main/registry.json");
        assertThat(sources.select(Optional.of(" "), "o/r", "main")).isInstanceOf(HttpRegistrySource.class);
        assertThat(sources.select(Optional.of("https://mirror.example/r.json"), "o/r", "main").location())
                .isEqualTo("https://mirror.example/r.json");
        assertThat(sources.select(Optional.of(file.toString()), "o/r", "main")).isInstanceOf(FileRegistrySource.class)
                .extracting(RegistrySource::location).isEqualTo(file.toString());
        assertThat(sources.of(file.toUri().toString())).isInstanceOf(FileRegistrySource.class)
                .extracting(RegistrySource::location).isEqualTo(file.toString());
    }

    @Test
    void namingAnHttpSourceBuildsNoClientItsFirstDownloadDoes() {
        AtomicInteger built = new AtomicInteger();
        RegistrySources lazy = new RegistrySources(() -> {
            built.incrementAndGet();
            return new OkHttpClient();
        }, HttpSettings.DEFAULTS);

        RegistrySource source = lazy.select(Optional.empty(), "o/r", "main");
        assertThat(source.location()).isEqualTo("https://raw.githubusercontent.com/o/r/main/registry.json");
        assertThat(lazy.of("http://127.0.0.1:1/r.json").location()).isEqualTo("http://127.0.0.1:1/r.json");
        assertThat(built).hasValue(0);

        assertThatThrownBy(() -> lazy.of("http://127.0.0.1:1/r.json").fetch(Optional.empty())).isInstanceOf(IOException.class);
        assertThat(built).hasValue(1);
    }

    @Test
    void otherSchemesAndRelativeFileUrlsAreRefused() {
        assertThatThrownBy(() -> sources.of("ftp://host/registry.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use an https:// URL, a file: URL or a path");
        assertThatThrownBy(() -> sources.of("file:registry.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give an absolute path");
        assertThatThrownBy(() -> sources.of("file://server/share/registry.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names a remote host");
    }

    @Test
    void fileSourceAnswersNotModifiedUntilTheContentChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("registry.json"), "{\"traces\": {}}");
        RegistrySource source = sources.of(file.toString());

        Fetched first = (Fetched) source.fetch(Optional.empty());
        RegistrySource.RegistryDownload same = source.fetch(first.etag());
        Files.writeString(file, "{\"traces\": {\"a\": {}}}");
        RegistrySource.RegistryDownload changed = source.fetch(first.etag());

        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"traces\": {}}");
        assertThat(first.etag()).get().asString().startsWith("\"sha256-");
        assertThat(same).isInstanceOf(NotModified.class);
        assertThat(changed).isInstanceOfSatisfying(Fetched.class, f -> assertThat(f.etag()).isNotEqualTo(first.etag()));
    }

    @Test
    void aStreamedFileWritesNothingWhenUnchangedAndNeverMoreThanTheLimit() throws Exception {
        Path file = Files.writeString(dir.resolve("registry.json"), "{\"traces\": {}}");
        RegistrySource source = sources.of(file.toString());
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ByteArrayOutputStream refused = new ByteArrayOutputStream();

        RegistrySource.RegistryDownload streamed = source.fetch(Optional.empty(), first);
        Optional<String> etag = ((RegistrySource.RegistryDownload.Streamed) streamed).etag();
        RegistrySource.RegistryDownload same = source.fetch(etag, again);

        assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("{\"traces\": {}}");
        assertThat(etag).isEqualTo(((Fetched) source.fetch(Optional.empty())).etag());
        assertThat(same).isInstanceOf(NotModified.class);
        assertThat(again.size()).isZero();
        Files.writeString(file, "x".repeat(5000));
        assertThatThrownBy(() -> new FileRegistrySource(file, 1000).fetch(Optional.empty(), refused)).isInstanceOf(IOException.class)
                .hasMessageContaining("too large, more than the limit of 1000 bytes");
        assertThat(refused.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void missingFileFolderAndOversizedFileHaveClearMessages() throws Exception {
        Path big = Files.writeString(dir.resolve("big.json"), "x".repeat(2000));

        assertThatThrownBy(() -> sources.of(dir.resolve("nope.json").toString()).fetch(Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("nope.json: no such file");
        assertThatThrownBy(() -> sources.of(dir.toString()).fetch(Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("it is a folder");
        assertThatThrownBy(() -> new FileRegistrySource(big, 1000).fetch(Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("too large, more than the limit of 1000 bytes").hasMessageContaining("registry.maxBytes");
    }
}
