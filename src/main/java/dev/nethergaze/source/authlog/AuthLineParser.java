package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.AddressLike;
import dev.nethergaze.source.BadLines;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Turns auth.log/secure lines into {@link AuthAttempt}s: syslog header, sshd/sshd-session filter,
 * message classification, per-pid bookkeeping. One instance per source (it keeps per-connection
 * state); not thread-safe. Never throws on input.
 */
public final class AuthLineParser {

    /** What a line was. */
    public enum Outcome {
        /** An sshd line that produced attempts (see the sink). */
        ATTEMPTS,
        /** A well-formed line about something else (another program, a session, context). */
        OTHER,
        /** An sshd attempt from a host name, not an address (counted, not attributed). */
        UNRESOLVED,
        /**
         * An sshd line whose host is written as an address that is none ({@code 256.1.1.1}, {@code
         * 1:2:3:4:5:6:7:8:9}: {@link AddressLike#written}): unparsed, as such a client is in an access
         * log, and said so ({@link BadLines.Why#CLIENT_NOT_AN_ADDRESS}); a line of an auth log all the same.
         */
        NOT_AN_ADDRESS,
        /** Not a syslog line, nor one this parser reads (an sshd -E line with no clock to time it). */
        MALFORMED;

        /** Whether the line is unparsed: counted as such, with {@link #why}. */
        public boolean unparsed() {
            return this == MALFORMED || this == NOT_AN_ADDRESS;
        }

        /** Why an {@link #unparsed} line is, as every source says it. */
        public BadLines.Why why() {
            return this == NOT_AN_ADDRESS ? BadLines.Why.CLIENT_NOT_AN_ADDRESS : BadLines.Why.TEXT;
        }
    }

    /** Receives attempts. */
    @FunctionalInterface
    public interface AttemptSink {
        void attempt(AuthAttempt a) throws InterruptedException;
    }

    private final String source;
    private final SyslogHeader header;
    private final AttemptTracker tracker = new AttemptTracker();
    private final java.util.List<AttemptTracker.Decision> decisions = new java.util.ArrayList<>();

    /**
     * @param reference moment year-less stamps are placed before (now when live, file mtime when replaying)
     */
    public AuthLineParser(String source, Instant reference, ZoneId zone) {
        this(source, java.time.InstantSource.fixed(reference), zone);
    }

    /**
     * @param now the clock year-less stamps are placed before, read as lines come: a log followed live
     *     (or a pipe) past New Year has its January lines in the new year
     */
    public AuthLineParser(String source, java.time.InstantSource now, ZoneId zone) {
        this.source = source;
        this.header = new SyslogHeader(new YearGuess(now, zone), zone);
    }

    /** What its attempts name as their source (a replay's: the file it reads). */
    String source() {
        return source;
    }

    /** Times the sshd lines written with no stamp at all, when set (a followed file, live); else they are malformed. */
    private java.time.InstantSource timeless;

    /**
     * Also reads bare sshd messages without any time ({@code sshd -E FILE} writes them so): each is
     * stamped by {@code clock} when read. Only for a file followed live, where that is when it was written.
     */
    public AuthLineParser timingBareLinesBy(java.time.InstantSource clock) {
        this.timeless = clock;
        return this;
    }

    /**
     * Only the attempts from {@code from} on are wanted (a replay's window; null: all): an invalid user's
     * attempt whose "Invalid user" line is before it and whose "Failed" line is inside counts at the latter.
     */
    public AuthLineParser countingFrom(Instant from) {
        tracker.countFrom(from);
        return this;
    }

    /**
     * Goes on where {@code before} stopped (a backfill that read up to where this parser's source takes
     * over): its connections are this one's, so a PAM failure it left waiting for its "Failed" line is
     * settled or counted here, once, and an attempt it counted is not counted again for its next line.
     * Call it before this parser reads anything; {@code before} is left empty.
     */
    public void takeOver(AuthLineParser before) {
        tracker.adopt(before.tracker);
    }

    public Outcome parse(byte[] b, int off, int len, AttemptSink sink) throws InterruptedException {
        while (len > 0 && (b[off + len - 1] == '\r' || b[off + len - 1] == ' ')) {
            len--; // sshd -E writes CRLF
        }
        int nuls = 0;
        while (nuls < len && b[off + nuls] == 0) {
            nuls++;
        }
        if (nuls > 0 && nuls < len) { // the NULs a crash left at the log's end, then the first line after it
            off += nuls;
            len -= nuls;
        }
        if (!header.parse(b, off, len, false)) {
            previous = null;
            return bare(b, off, len, sink);
        }
        boolean sshd = isSshd(header.program);
        if (!sshd && header.pid < 0 && stampedBare(b, off, len)) {
            previous = null;
            return bare(b, off, len, sink);
        }
        if (!sshd && !header.program.isEmpty() && !header.program.equals("syslogd")) {
            previous = null;
            overdue(header.time, sink);
            return Outcome.OTHER;
        }
        String message = new String(b, header.messageStart, off + len - header.messageStart, StandardCharsets.UTF_8);
        if (message.startsWith(SyslogHeader.LAST_REPEATED)) {
            return lastRepeated(message, sshd, sink);
        }
        if (!sshd) {
            previous = null;
            overdue(header.time, sink);
            return Outcome.OTHER;
        }
        SshdEvent e = classify(header.program, message);
        said(e, message);
        return decided(header.time, header.pid, e, message, sink);
    }

    // The line before, when it was an sshd line that said something (its event; else null), kept for a
    // following "last message repeated N times": in fields, not an object made for each sshd line.
    private SshdEvent previous;
    private String previousHost;
    private long previousPid;
    private String previousMessage;

    private void said(SshdEvent e, String message) {
        previous = e == null || e.repeat() == 1 ? e : e.withRepeat(1);
        previousHost = header.host;
        previousPid = header.pid;
        previousMessage = message;
    }

    /**
     * "last message repeated N times" (sysklogd, BSD syslogd; untagged, "syslogd:", or with the tag of
     * the line it repeats): the line before, when it was an sshd event of the same host (and pid, when
     * the note names one), happened N more times, as rsyslog's "message repeated N times: [ … ]" says.
     */
    private Outcome lastRepeated(String message, boolean tagged, AttemptSink sink) throws InterruptedException {
        int n = 0;
        int i = SyslogHeader.LAST_REPEATED.length();
        while (i < message.length() && message.charAt(i) >= '0' && message.charAt(i) <= '9' && n < 100_000) {
            n = n * 10 + message.charAt(i++) - '0';
        }
        SshdEvent p = previous;
        if (p == null
                || n < 1
                || !message.startsWith(" time", i)
                || !(header.host.isEmpty() || header.host.equals(previousHost))
                || (tagged && header.pid >= 0 && header.pid != previousPid)) {
            overdue(header.time, sink);
            return Outcome.OTHER;
        }
        return decided(header.time, previousPid, p.withRepeat(n), previousMessage, sink);
    }

    /**
     * A line with no syslog header: an sshd message alone ({@code sshd -E FILE}, timed when read if
     * {@link #timingBareLinesBy} said so), or after an ISO-8601 stamp ({@code docker logs -t} of
     * {@code sshd -D -e}). Anything else, and a line that is not an sshd message, is malformed.
     */
    private Outcome bare(byte[] b, int off, int len, AttemptSink sink) throws InterruptedException {
        int start = header.isoPrefix(b, off, len);
        Instant time = header.time;
        if (start < 0) {
            if (timeless == null) {
                String m = new String(b, off, len, StandardCharsets.UTF_8);
                if (SshdMessage.classify(m) == null && SshdMessage.saysNothing(m)) {
                    return Outcome.OTHER; // "Server listening on …": sshd's, and nothing to place in time
                }
                if (sshd(m)) {
                    untimed++; // sshd's, but no time to put it at: still unparsed, and said as such
                }
                return Outcome.MALFORMED;
            }
            start = off;
            time = timeless.instant();
        }
        String message = new String(b, start, off + len - start, StandardCharsets.UTF_8);
        if (!sshd(message)) {
            return Outcome.MALFORMED;
        }
        return message(time, BARE_PID, message, sink);
    }

    /**
     * Whether an ISO-stamped line the header took for "[host ]tag: …" is a bare sshd message after the
     * stamp ({@code docker logs -t} of {@code sshd -D -e}): "banner exchange: Connection from H port P: …",
     * "kex_exchange_identification: …", "error: …" and "fatal: …" read as a host and a tag, or a tag, of a
     * program that is not sshd, and their attempts were lost.
     */
    private static boolean stampedBare(byte[] b, int off, int len) {
        if (len == 0 || b[off] < '0' || b[off] > '9') {
            return false;
        }
        int space = off;
        while (space < off + len && b[space] != ' ') {
            space++;
        }
        return space + 1 < off + len && sshd(new String(b, space + 1, off + len - space - 1, StandardCharsets.UTF_8));
    }

    private static boolean sshd(String message) {
        return SshdMessage.classify(message) != null || SshdMessage.saysNothing(message);
    }

    /** Bare sshd lines read with no clock to time them ({@code sshd -E} in a replay): unparsed, for want of a time. */
    private long untimed;

    /** How many sshd lines without a time were left unparsed, for want of a clock ({@link #timingBareLinesBy}). */
    public long untimed() {
        return untimed;
    }

    /** The pid of lines that name none (sshd -E): the tracker tells their connections by host and port. */
    private static final long BARE_PID = -1;

    /** The time in a syslog line's header, whatever the program (or of an ISO-stamped bare line); null if it has none. */
    public Instant time(byte[] b, int off, int len) {
        if (header.parse(b, off, len, false)) {
            return header.time;
        }
        return header.isoPrefix(b, off, len) >= 0 ? header.time : null;
    }

    /** For journald entries and tests: an sshd message already split from its header. */
    public Outcome message(Instant time, long pid, String message, AttemptSink sink) throws InterruptedException {
        return message(time, pid, "sshd", message, sink);
    }

    /** A message of {@code program} (one {@link #isSshd} accepts) already split from its header: a journal entry's. */
    public Outcome message(Instant time, long pid, String program, String message, AttemptSink sink)
            throws InterruptedException {
        return decided(time, pid, classify(program, message), message, sink);
    }

    /** What {@code program}'s message says: Dropbear's words are its own, the others are sshd's. */
    private static SshdEvent classify(String program, String message) {
        return isDropbear(program) ? DropbearMessage.classify(message) : SshdMessage.classify(message);
    }

    /** The attempts of one classified sshd message ({@code e}: null when it says nothing). */
    private Outcome decided(Instant time, long pid, SshdEvent e, String message, AttemptSink sink)
            throws InterruptedException {
        if (e == null) {
            overdue(time, sink);
            return Outcome.OTHER;
        }
        tracker.decideLine(time, pid, e, message, decisions);
        return emit(time, e.user(), message, Outcome.OTHER, sink);
    }

    /**
     * The end of the input (a replayed file read to its end): the PAM failures still waiting for their
     * "Failed" line count.
     */
    public void endOfInput(AttemptSink sink) throws InterruptedException {
        tracker.endOfInput(decisions);
        emit(null, "", "", Outcome.OTHER, sink);
    }

    /**
     * A followed log's poll at {@code now}, by its source's clock: the PAM failures read {@link
     * AttemptTracker#PAM_WAIT} or more before count though no line followed them (the last line of a log
     * that went quiet). Call it after each poll; a replay has {@link #endOfInput} instead.
     */
    public void expire(Instant now, AttemptSink sink) throws InterruptedException {
        tracker.expire(now, decisions);
        emit(now, "", "", Outcome.OTHER, sink);
    }

    /** What a line that is not sshd's says by its time alone: PAM failures that waited long enough. */
    private void overdue(Instant time, AttemptSink sink) throws InterruptedException {
        if (tracker.waiting()) {
            decisions.clear();
            tracker.overdue(time, decisions);
            emit(time, "", "", Outcome.OTHER, sink);
        }
    }

    /** Emits {@link #decisions}, each at its own time, user and line when it has them, else the line's. */
    private Outcome emit(Instant time, String user, String message, Outcome sofar, AttemptSink sink)
            throws InterruptedException {
        Outcome out = sofar;
        boolean badAddress = false;
        for (int i = 0; i < decisions.size(); i++) { // indexed: no iterator a line (C1 makes each one)
            AttemptTracker.Decision d = decisions.get(i);
            IpKey ip = IpKey.tryParse(d.host());
            if (ip == null) {
                // an address that is none makes this line unparsed; an earlier line's (a PAM failure
                // counted late) was that line's, which is gone: its attempt is dropped, as that line was
                byte[] host = d.host().getBytes(StandardCharsets.ISO_8859_1);
                boolean bad = AddressLike.written(host, 0, host.length);
                badAddress |= bad && d.line() == null;
                if (!bad) {
                    out = Outcome.UNRESOLVED;
                }
                continue;
            }
            sink.attempt(new AuthAttempt(
                    source,
                    d.at() != null ? d.at() : time,
                    ip,
                    d.user() != null ? d.user() : user,
                    d.kind(),
                    d.line() != null ? d.line() : message));
            out = Outcome.ATTEMPTS;
        }
        return badAddress ? Outcome.NOT_AN_ADDRESS : out;
    }

    /**
     * An SSH server whose lines are read: sshd, sshd-session / sshd-auth (OpenSSH 9.8 split the daemon),
     * old {@code sshd(pam_unix)}, and Dropbear ({@link #isDropbear}).
     */
    static boolean isSshd(String program) {
        return program.equals("sshd")
                || program.startsWith("sshd-")
                || program.equals("sshd(pam_unix)")
                || isDropbear(program);
    }

    static boolean isDropbear(String program) {
        return program.equals("dropbear");
    }
}
