package org.phasic.traces.app.config;

import static org.phasic.traces.app.config.ConfigKey.Type.BOOLEAN;
import static org.phasic.traces.app.config.ConfigKey.Type.CHOICE_LIST;
import static org.phasic.traces.app.config.ConfigKey.Type.DURATION;
import static org.phasic.traces.app.config.ConfigKey.Type.INTEGER;
import static org.phasic.traces.app.config.ConfigKey.Type.LIST;
import static org.phasic.traces.app.config.ConfigKey.Type.STRING;
import static org.phasic.traces.app.config.ConfigKey.Type.URL;

import java.util.ArrayList;
import java.util.List;

/** The built-in configuration keys. Plugins add theirs through {@link org.phasic.traces.app.spi.AdapterPlugin#configKeys()}. */
public final class ConfigCatalog {
    private ConfigCatalog() {
    }

    /** Built-in keys plus {@code extra}, with {@code profile} accepting exactly {@code profileNames}. */
    public static List<ConfigKey> keys(List<String> profileNames, List<ConfigKey> extra) {
        List<ConfigKey> keys = new ArrayList<>(List.of(
                ConfigKey.of(Configuration.HOME, STRING, null,
                        "home folder: store, config.yaml, last good registry (default ~/.phasic_traces)"),
                ConfigKey.choice(Configuration.PROFILE, CHOICE_LIST, "gateway", profileNames,
                        "comma-separated profiles choosing the content sources"),
                ConfigKey.of("offline", BOOLEAN, "false", "no network at all: local store and bundled library only"),
                ConfigKey.of("registry.repo", STRING, "munch-group/phasic-traces", "GitHub repository holding registry.json"),
                ConfigKey.of("registry.branch", STRING, "master", "branch of registry.repo"),
                ConfigKey.of("registry.url", URL, null, "registry.json from any https URL or file: URL (overrides repo/branch)"),
                ConfigKey.of("registry.connectTimeout", DURATION, "3s", "connect timeout when refreshing the registry"),
                ConfigKey.of("registry.maxAge", DURATION, "24h", "how old the cached registry may get before list/get refresh it"),
                ConfigKey.of("store.lockWait", DURATION, "30s", "how long to wait for another process fetching the same trace"),
                ConfigKey.of("install.jobs", INTEGER, "4", "parallel downloads for install"),
                ConfigKey.of("gateway.urls", LIST, "https://ipfs.io,https://dweb.link,https://trustless-gateway.link",
                        "trustless HTTP gateways, in order of preference (profile gateway)"),
                ConfigKey.of("gateway.connectTimeout", DURATION, "10s", "connect timeout per gateway"),
                ConfigKey.of("gateway.readTimeout", DURATION, "30s", "read timeout per gateway (between bytes)"),
                ConfigKey.of("gateway.deadline", DURATION, "120s", "overall deadline of one fetch over all gateways"),
                ConfigKey.of("gateway.hedgeDelay", DURATION, "1500ms",
                        "start the next gateway when the current one sent no byte for this long (0 = race all at once)"),
                ConfigKey.of("gateway.retries", INTEGER, "3", "retries per gateway on 429, 5xx and dropped connections"),
                ConfigKey.of("ipfs.api", STRING, null,
                        "IPFS (Kubo) RPC API, multiaddr or URL (profile daemon; default IPFS_API, the repo's api file, port 5001)"),
                ConfigKey.of("ipfs.path", STRING, null, "IPFS repository folder (default IPFS_PATH or ~/.ipfs)"),
                ConfigKey.of("ipfs.autoStart", BOOLEAN, "true",
                        "start a local IPFS daemon when none answers and the ipfs command is installed"),
                ConfigKey.of("ipfs.timeout", DURATION, "30s",
                        "deadline of each IPFS API call (the daemon waits this long for content it cannot find)"),
                ConfigKey.of("ipfs.startTimeout", DURATION, "60s", "how long an auto-started IPFS daemon may take to get ready"),
                ConfigKey.secret("github.token", "GitHub token for publish pull requests (scope public_repo); never shown",
                        "GITHUB_TOKEN", "GH_TOKEN"),
                ConfigKey.of("github.api", URL, "https://api.github.com", "GitHub REST API root (GitHub Enterprise: https://HOST/api/v3)"),
                ConfigKey.of("publish.ipfsTimeout", DURATION, "120s", "deadline of the daemon's add + pin when publishing"),
                ConfigKey.of("publish.pinningUrl", URL, null, "IPFS Pinning Service API endpoint asked to pin published traces (optional)"),
                ConfigKey.secret("publish.pinningToken", "access token of publish.pinningUrl; never shown", "PINNING_SERVICE_TOKEN"),
                ConfigKey.of("s3.bucket", STRING, null, "bucket of the private S3 mirror (profile s3)"),
                ConfigKey.of("s3.prefix", STRING, null, "key prefix inside s3.bucket, e.g. team/traces"),
                ConfigKey.of("s3.region", STRING, "us-east-1", "region of s3.bucket"),
                ConfigKey.of("s3.endpoint", URL, null, "endpoint of an S3-compatible store (MinIO, Ceph, R2) instead of AWS"),
                ConfigKey.of("s3.pathStyle", BOOLEAN, "false", "path-style addressing (most S3-compatible stores need it)"),
                ConfigKey.of("s3.profile", STRING, null,
                        "named profile of the AWS shared files (default: the SDK's default credential chain)"),
                ConfigKey.of("s3.credentialsFile", STRING, null, "AWS shared credentials file to read s3.profile from"),
                ConfigKey.secret("s3.accessKeyId", "static access key id (S3-compatible stores; prefer s3.profile for AWS)"),
                ConfigKey.secret("s3.secretAccessKey", "static secret access key, with s3.accessKeyId"),
                ConfigKey.of("s3.anonymous", BOOLEAN, "false", "unsigned requests (public buckets)"),
                ConfigKey.of("gcs.bucket", STRING, null, "bucket of the private GCS mirror (profile gcs)"),
                ConfigKey.of("gcs.prefix", STRING, null, "object name prefix inside gcs.bucket"),
                ConfigKey.of("gcs.project", STRING, null, "Google Cloud project of gcs.bucket"),
                ConfigKey.of("gcs.endpoint", URL, null, "GCS JSON API endpoint (emulators); default Google's"),
                ConfigKey.of("gcs.credentialsFile", STRING, null,
                        "service-account key file (default: Application Default Credentials)"),
                ConfigKey.of("gcs.anonymous", BOOLEAN, "false", "no credentials (public buckets, local emulators)"),
                ConfigKey.of("cache.jobs", INTEGER, "4", "parallel transfers of cache push and pull"),
                ConfigKey.of("cache.writeBack", BOOLEAN, "false",
                        "copy traces fetched from other sources into the private mirror (profiles s3, gcs)")));
        keys.addAll(extra);
        return List.copyOf(keys);
    }
}
