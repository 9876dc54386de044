package dev.nethergaze.source.authlog;

import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.SourceStats;
import java.time.InstantSource;

/** A journal follower's status {@code ok} and its lag: {@link SourceStatus#BEHIND} and back. */
final class LagWatch {

    /**
     * A follower that reads entries this much older than now while more wait is {@link
     * SourceStatus#BEHIND}: sshd writes faster than the engine judges (a flood), or a restart resumed
     * far back. Entries are stamped by journald when it received them, on this host's clock.
     */
    static final long BEHIND_SECONDS = 10;

    private final SourceStats stats;
    private final InstantSource clock;
    /** The detail of the status {@code ok} while following, shown again when a lag is caught up. */
    private String following = "";

    LagWatch(SourceStats stats, InstantSource clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /** Status {@code ok} with this detail, which is shown again when a lag is caught up. */
    void following(String detail) {
        following = detail;
        stats.status(SourceStatus.OK, following);
    }

    /**
     * A follower's lag, checked about once a second: {@link SourceStatus#BEHIND} while it reads entries
     * {@value #BEHIND_SECONDS} s or more older than now with more waiting in the pipe, {@code ok} again
     * once it has caught up (nothing waiting, or what it reads is recent). A notice from journalctl
     * (no permission, no journal) stays as it is.
     *
     * @param newestMicros when journald received the newest entry read; -1 before any
     * @param waiting whether journalctl has written more than has been read
     */
    void lag(long newestMicros, boolean waiting) {
        SourceStatus now = stats.status();
        if (now != SourceStatus.OK && now != SourceStatus.BEHIND) {
            return;
        }
        long age = newestMicros < 0 ? 0 : (clock.millis() - newestMicros / 1000) / 1000;
        if (waiting && age >= BEHIND_SECONDS) {
            stats.status(
                    SourceStatus.BEHIND,
                    "reading entries " + age + " s old with more waiting: sshd's entries come faster than they"
                            + " are judged; what is shown is that far in the past");
        } else if (now == SourceStatus.BEHIND) {
            stats.status(SourceStatus.OK, following);
        }
    }
}
