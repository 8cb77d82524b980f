package org.phasic.traces.adapter.cloud;

import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;

/** Builds {@link GcsBlobStore}s from {@link GcsSettings}. */
public final class GcsBlobStoreFactory {

    /**
     * Builds a Storage client (JSON API; the settings' project, endpoint and credentials) and a
     * store on it. A key file is read now; Application Default Credentials are looked up by the
     * client library.
     *
     * @return a {@link GcsBlobStore}; closing it closes the client
     * @throws BlobStoreException if the key file is missing or not a service-account key; the
     *     message names the path and never quotes the file
     */
    public BlobStore create(GcsSettings settings) throws BlobStoreException {
        Objects.requireNonNull(settings, "settings");
        StorageOptions.Builder options = StorageOptions.http();
        settings.projectId().ifPresent(options::setProjectId);
        settings.endpoint().ifPresent(uri -> options.setHost(uri.toString()));
        if (settings.credentials() instanceof GcsCredentials.KeyFile keyFile) {
            options.setCredentials(readKeyFile(keyFile.path()));
        } else if (settings.credentials() instanceof GcsCredentials.Anonymous) {
            options.setCredentials(NoCredentials.getInstance());
        }
        return new GcsBlobStore(options.build().getService(), settings);
    }

    private static Credentials readKeyFile(Path path) throws BlobStoreException {
        try (InputStream in = Files.newInputStream(path)) {
            return ServiceAccountCredentials.fromStream(in);
        } catch (NoSuchFileException e) {
            throw new BlobStoreException("GCS key file " + path + " does not exist");
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the file, which holds a private key: keep only its type.
            throw new BlobStoreException("GCS key file " + path + " is not a usable service-account key ("
                    + e.getClass().getSimpleName() + "); download a new JSON key for the service account");
        }
    }
}
