package org.phasic.traces.app.cli;

import org.phasic.traces.ports.in.Hint;

/** A use case's neutral {@link Hint} in the CLI's words: commands, flags and environment variables. */
final class HintText {
    private HintText() {
    }

    /** The hint as one line, or empty when there is none. */
    static String of(Hint hint) {
        String subject = hint.subject();
        return switch (hint.kind()) {
            case NONE -> "";
            case LIST_TRACES -> "see 'phasic-traces list' for the ids the registry has";
            case LIST_TRACES_OFFLINE -> "offline: only bundled and previously fetched registries are known; see 'phasic-traces list'";
            case GO_ONLINE -> "you are offline; run without --offline (and PHASIC_TRACES_OFFLINE) to use the network";
            case CHECK_NETWORK_OR_OTHER_SOURCE ->
                    "check your network, or try another profile: --profile daemon (a local IPFS node) or a private mirror";
            case CHECK_ENTRY -> "check the entry's cid and checksum, and that someone serves it";
            case ANOTHER_ID_OR_NEW_VERSION ->
                    "publish it under another id, or with --new-version to replace it (the old CID is kept under 'previous')";
            case GIVE_METADATA -> "give the missing metadata in --metadata FILE or as flags; see 'publish --help'";
            case FIX_METADATA -> "fix the metadata; see 'registry validate' for the rules";
            case CHECK_TRACE_FILE -> "check the file is an elimination trace written by phasic (JSON or gzip'd JSON)";
            case NOTHING_TO_PUBLISH -> "nothing to publish; change the trace or metadata for a new version";
            case USE_GATEWAY_OR_SKIP_RETRIEVABILITY_CHECK -> "use the gateway profile, or drop --check-retrievable";
            case KEEP_CONTENT_ONLINE -> "keep an IPFS node that holds it online, wait a few minutes and publish again";
            case GET_FIRST -> "run 'phasic-traces get " + subject + "' first";
            case CONFIGURE_MIRROR -> "use --profile s3 (with s3.bucket set) or --profile gcs (with gcs.bucket set)";
            case CHOOSE_ONE_MIRROR -> "run cache commands with one of them, e.g. --profile s3";
            case FIX_STORE -> "run 'phasic-traces verify --fix' to remove them; the next get fetches them again";
            case INSTALL_OR_POINT_AT_IPFS -> "install Kubo (the ipfs command) or point ipfs.api / IPFS_API at a running daemon";
            case CHECK_INPUT -> subject.isEmpty() ? "check the input" : "check " + subject;
            case OVERWRITE -> "add --force to replace them, or choose another folder";
            case LIST_STORED -> "see 'phasic-traces store ls' for the ids the local store holds";
        };
    }
}
