package dev.nethergaze.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Another thread (ctl top) asks a replay what it sees: the replaying thread builds the snapshot
 * between events, with what it has applied so far, judging nothing, and after the run every request
 * gets the final snapshot. Before, a pcap replay's control socket had no snapshot at all.
 */
class ReplayRequestsTest {

    private static final IpKey A = IpKey.parse("203.0.113.7");
    private static final IpKey B = IpKey.parse("198.51.100.9");

    private static AuthAttempt failed(IpKey ip, int second) {
        return new AuthAttempt(
                "auth.log",
                Fixtures.T0.plusSeconds(second),
                ip,
                "root",
                AuthKind.FAILED_PASSWORD,
                "sshd[1]: Failed password for root from " + ip + " port 50000 ssh2");
    }

    /**
     * Eight failed logins of A in its first second (brute force by the default rules, once judged),
     * then says so ({@code emitted}) and idles until {@code asked} is answered, then one of B.
     */
    private static final class PausingSource implements Source {
        final CompletableFuture<Snapshot> asked;
        final CountDownLatch emitted = new CountDownLatch(1);

        PausingSource(CompletableFuture<Snapshot> asked) {
            this.asked = asked;
        }

        @Override
        public String name() {
            return "auth.log";
        }

        @Override
        public SourceHealth health() {
            return new SourceHealth(name(), "authlog", SourceStatus.OK, "", 0, 0);
        }

        @Override
        public void run(EventSink sink) throws InterruptedException {
            for (int i = 0; i < 8; i++) {
                sink.emit(failed(A, 0));
            }
            emitted.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!asked.isDone() && System.nanoTime() < deadline) {
                sink.idle();
                Thread.sleep(5);
            }
            sink.emit(failed(B, 1));
        }
    }

    @Test
    void aRequestIsServedBetweenEventsWithWhatWasAppliedAndTheFinalOneAfterTheRun() throws Exception {
        ReplayDriver driver = new ReplayDriver(new Engine(Fixtures.settings()), Duration.ofSeconds(1));
        CompletableFuture<Snapshot> asked = new CompletableFuture<>();
        PausingSource source = new PausingSource(asked);
        Thread ctl = Thread.ofVirtual().start(() -> {
            try {
                assertThat(source.emitted.await(30, TimeUnit.SECONDS)).isTrue();
                asked.complete(driver.requests().ask(Duration.ofSeconds(30)));
            } catch (Exception e) {
                asked.completeExceptionally(e);
            }
        });
        Snapshot last = driver.run(List.of(source));
        ctl.join();

        Snapshot mid = asked.get();
        assertThat(mid.ips()).extracting(IpView::ip).containsExactly(A);
        IpView a = mid.ips().getFirst();
        assertThat(a.auth().failures()).isEqualTo(8);
        // asking judged nothing: A is judged on the replay's own tick (here: its end), as unasked
        assertThat(a.findings()).isEmpty();

        assertThat(last.ips()).extracting(IpView::ip).containsExactlyInAnyOrder(A, B);
        assertThat(last.ips().stream()
                        .filter(v -> v.ip().equals(A))
                        .findFirst()
                        .orElseThrow()
                        .findings())
                .isNotEmpty();
        assertThat(driver.requests().ask(Duration.ofMillis(1))).isSameAs(last);
    }
}
