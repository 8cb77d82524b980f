package org.phasic.traces.domain.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void namedThreadsAreDaemonsWithTheName() {
        Thread thread = DaemonThreads.named("phasic-traces work").newThread(() -> { });

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("phasic-traces work");
    }

    @Test
    void numberedThreadsCountFromOnePerFactory() {
        var factory = DaemonThreads.numbered("car-hash");

        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("car-hash-1");
        Thread second = factory.newThread(() -> { });
        assertThat(second.getName()).isEqualTo("car-hash-2");
        assertThat(second.isDaemon()).isTrue();
        assertThat(DaemonThreads.numbered("car-hash").newThread(() -> { }).getName()).isEqualTo("car-hash-1");
    }

    @Test
    void theCachedPoolRunsTasksOnDaemonThreads() throws Exception {
        ExecutorService pool = DaemonThreads.cached("phasic-traces http");
        try {
            Thread ran = pool.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(ran.isDaemon()).isTrue();
            assertThat(ran.getName()).isEqualTo("phasic-traces http");
        } finally {
            pool.shutdownNow();
        }
    }
}
