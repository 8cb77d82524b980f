package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.UnsafePathException;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.TransferProgress;
import org.phasic.traces.ports.in.TransferProgress.Outcome;

/**
 * One fetch over the ranked gateways, hedged: the best gateway starts; whenever the newest attempt has received
 * nothing for the hedge delay, or an attempt ends without content, the next gateway starts too. The first attempt
 * whose content verified completely wins, and the others are cancelled. Everything ends at the deadline, but for a
 * winner whose content is handed out while it still arrives (a large CAR in traversal order, verified block by block
 * as its consumer reads it): its hand-off is the win, and it reports how its transfer ended later, a failure then
 * counting against the gateway (bad content dropping it) after all.
 * Outcomes go into the ranking: a success, an error (failures, and attempts overtaken because they stalled), or a
 * drop for content that did not verify. One race per fetch; not reusable.
 */
final class GatewayRace {

    /** Runs one gateway's attempt. */
    @FunctionalInterface
    interface Attempt {
        BlockFeed run(AttemptContext context) throws IOException;
    }

    private final List<GatewayEndpoint> order;
    private final Deadline deadline;
    private final Duration hedgeDelay;
    private final ExecutorService executor;
    private final GatewayRanking ranking;
    private final TransferProgress progress;
    private final Notices notices;
    private final String what;

    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final List<Running> started = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Object lock = new Object();
    private boolean over;
    private volatile AttemptContext winner;

    /**
     * @param order the gateways, best first
     * @param what  what is fetched, for messages: {@code root/path}
     */
    GatewayRace(List<GatewayEndpoint> order, Deadline deadline, Duration hedgeDelay, ExecutorService executor,
                GatewayRanking ranking, TransferProgress progress, Notices notices, String what) {
        this.order = List.copyOf(order);
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.hedgeDelay = Objects.requireNonNull(hedgeDelay, "hedgeDelay");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ranking = Objects.requireNonNull(ranking, "ranking");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.what = Objects.requireNonNull(what, "what");
    }

    private static final class Running {
        final AttemptContext context;
        boolean done;
        boolean overtaken;

        Running(AttemptContext context) {
            this.context = context;
        }
    }

    private record Finished(Running attempt, BlockFeed feed, Throwable failure) {
    }

    /**
     * @return the winner's verified feed, or empty when every gateway said it does not have the content
     * @throws IOException naming every gateway's failure, or the deadline
     */
    Optional<BlockFeed> run(Attempt attempt) throws IOException {
        if (order.isEmpty()) {
            throw new IOException("no gateway left to fetch " + what + " from: every configured gateway served bad"
                    + " content earlier in this session");
        }
        int notFound = 0;
        try {
            start(order.get(0), attempt);
            while (true) {
                Running newest = started.get(started.size() - 1);
                boolean canHedge = started.size() < order.size() && !newest.done;
                long waitNanos = deadline.remainingNanos();
                if (canHedge) {
                    waitNanos = Math.min(waitNanos, newest.context.lastActivityNanos() + hedgeDelay.toNanos()
                            - System.nanoTime());
                }
                Finished event = waitNanos > 0 ? finished.poll(waitNanos, TimeUnit.NANOSECONDS) : finished.poll();
                if (event == null) {
                    if (deadline.expired()) {
                        throw new IOException("no gateway delivered " + what + " within " + deadline.describe()
                                + summary());
                    }
                    if (canHedge && System.nanoTime() - newest.context.lastActivityNanos() >= hedgeDelay.toNanos()) {
                        newest.overtaken = true;
                        start(order.get(started.size()), attempt);
                    }
                    continue;
                }
                event.attempt().done = true;
                GatewayEndpoint gateway = event.attempt().context.gateway();
                if (event.feed() != null) {
                    ranking.success(gateway);
                    winner = event.attempt().context;
                    if (!winner.streaming()) {
                        progress.finished(gateway.toString(), what, Outcome.VERIFIED);
                    }
                    return Optional.of(event.feed());
                }
                if (event.failure() instanceof NotFoundAtGatewayException) {
                    notFound++;
                    progress.finished(gateway.toString(), what, Outcome.NOT_FOUND);
                } else {
                    recordFailure(gateway, event.failure());
                    progress.finished(gateway.toString(), what, Outcome.FAILED);
                }
                failures.add(gateway + ": " + message(event.failure()));
                if (started.size() < order.size()) {
                    start(order.get(started.size()), attempt);
                } else if (started.stream().allMatch(running -> running.done)) {
                    if (notFound == started.size()) {
                        return Optional.empty();
                    }
                    throw new IOException("no gateway delivered verified " + what + summary());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + what);
        } finally {
            end();
        }
    }

    private void start(GatewayEndpoint gateway, Attempt attempt) {
        AttemptContext context = new AttemptContext(gateway, deadline, progress, this::streamEnded);
        Running running = new Running(context);
        started.add(running);
        progress.started(gateway.toString(), what);
        executor.execute(() -> {
            context.calls().runningOn(Thread.currentThread());
            try {
                offer(new Finished(running, attempt.run(context), null));
            } catch (Throwable t) {
                offer(new Finished(running, null, t));
            } finally {
                context.calls().runningOn(null);
                Thread.interrupted();
            }
        });
    }

    private void offer(Finished event) {
        synchronized (lock) {
            if (!over) {
                finished.add(event);
                return;
            }
        }
        closeQuietly(event.feed());
    }

    /** Cancels the attempts still running and releases content that arrived too late. */
    private void end() {
        synchronized (lock) {
            over = true;
        }
        for (Running running : started) {
            if (!running.done) {
                running.context.calls().cancel();
                if (running.overtaken) {
                    ranking.error(running.context.gateway());
                }
                progress.finished(running.context.name(), what, Outcome.CANCELLED);
            }
        }
        for (Finished late = finished.poll(); late != null; late = finished.poll()) {
            closeQuietly(late.feed());
        }
    }

    /**
     * How the winner's transfer ended when its content was handed out while still arriving: a failure counts against
     * the gateway (bad content drops it) after all.
     */
    private void streamEnded(AttemptContext attempt, Throwable failure) {
        if (attempt != winner) {
            return;
        }
        if (failure instanceof StreamedCar.NotStreamableException) {
            ranking.cannotStream(attempt.gateway());
        }
        if (failure != null) {
            recordFailure(attempt.gateway(), failure);
        }
        progress.finished(attempt.name(), what, failure == null ? Outcome.VERIFIED : Outcome.FAILED);
    }

    private void recordFailure(GatewayEndpoint gateway, Throwable failure) {
        if (failure instanceof CorruptContentException || failure instanceof UnsafePathException) {
            if (ranking.drop(gateway, failure.getMessage())) {
                notices.notice("gateway " + gateway + " served bad content (" + failure.getMessage()
                        + "); it is not used again in this session");
            }
        } else {
            ranking.error(gateway);
        }
    }

    private String summary() {
        List<String> lines = new ArrayList<>(failures);
        started.stream().filter(running -> !running.done)
                .forEach(running -> lines.add(running.context.name() + ": no complete answer yet"));
        return lines.isEmpty() ? "" : " (" + String.join("; ", lines) + ")";
    }

    private static String message(Throwable failure) {
        if (failure instanceof ContentException || failure instanceof IOException) {
            String message = failure.getMessage();
            return message == null ? failure.getClass().getSimpleName() : message;
        }
        return failure.toString();
    }

    private static void closeQuietly(BlockFeed feed) {
        if (feed == null) {
            return;
        }
        try {
            feed.close();
        } catch (IOException | RuntimeException ignored) {
            // a feed that lost the race holds nothing worth reporting
        }
    }
}
