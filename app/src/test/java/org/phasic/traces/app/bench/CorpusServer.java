package org.phasic.traces.app.bench;

import org.phasic.traces.domain.io.TemporaryFolder;

/**
 * Serves the benchmark corpus ({@link TraceCorpus}) from a loopback trustless gateway ({@link CorpusGateway}) until
 * standard input closes, printing the two settings that point the CLI at it: for profiling one command by hand.
 * <pre>
 * java -cp ... org.phasic.traces.app.bench.CorpusServer [traces=500] [latency-ms=0]
 * </pre>
 */
public final class CorpusServer {
    private CorpusServer() {
    }

    public static void main(String[] args) throws Exception {
        int traces = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 0;
        try (TemporaryFolder work = new TemporaryFolder("phasic-traces-corpus-");
             CorpusGateway gateway = new CorpusGateway(new TraceCorpus(work.path().resolve("corpus"), traces).blocks())) {
            gateway.latency(latency);
            System.out.println("--set registry.url=" + work.path().resolve("corpus").resolve("registry.json").toUri()
                    + " --set gateway.urls=" + gateway.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                System.out.println("requests so far: " + gateway.requests());
            }
        }
    }
}
