package dev.nethergaze.source.trace;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.sys.LibC;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The path to a remote address, hop by hop, as {@code tracepath} and {@code traceroute -U} find it:
 * UDP probes with a rising TTL (hop limit) to unlikely ports from 33434, and the routers' ICMP "time
 * exceeded" (and, at the end, the target's "port unreachable") read from the socket's error queue
 * ({@code IP_RECVERR} / {@code IPV6_RECVERR}). No raw socket, so no root and no capability: any user
 * may trace. IPv4 and IPv6, through the Foreign Function & Memory API.
 *
 * <p>Or, as {@code traceroute -I} does, with ICMP echo requests (which pass where a firewall drops
 * UDP to high ports), through the kernel's unprivileged ICMP sockets: the echo's sequence number
 * says which probe an answer is for, a router's "time exceeded" quotes it, and the target's echo
 * reply ends the path. Those sockets are open to the groups in {@code net.ipv4.ping_group_range}
 * (systemd opens them to all; the kernel's own default to none, root included).
 *
 * <p>Probes go out in waves of {@value #WAVE} hops at once ({@code probes} each), each wave waiting at
 * most {@code wait} for its answers, and no wave starts past the hop where the target answered (or a
 * router said it is unreachable). A hop that never answers shows as silent, as {@code *} does in
 * traceroute. At most 255 hops, at most 10 probes per hop, so the probes stay few.
 */
@SuppressWarnings("restricted") // bound, audited native calls
public final class RouteTracer {

    static final int BASE_PORT = 33434;

    /** What the probes are. */
    public enum Probe {
        UDP,
        ICMP
    }

    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int EACCES = 13;
    private static final int ICMP_HEADER = 8;
    static final int WAVE = 5;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOL_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IP_RECVERR = 11;
    private static final int SOL_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_RECVERR = 25;
    private static final int SOL_SOCKET = 1;
    /** SO_TIMESTAMPNS (= SCM_TIMESTAMPNS): the kernel stamps each message with its arrival time. */
    private static final int SO_TIMESTAMPNS = 35;
    /**
     * SO_TIMESTAMPING (= SCM_TIMESTAMPING) with software stamps of what is sent, each on the error queue
     * without the packet ({@code OPT_TSONLY}): when a probe left, as the kernel saw it.
     */
    private static final int SO_TIMESTAMPING = 37;

    private static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
    private static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    private static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;

    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_ERRQUEUE = 0x2000;
    private static final short POLLIN = 1;
    private static final short POLLERR = 8;
    private static final int EAGAIN = 11;
    private static final int SO_EE_ORIGIN_ICMP = 2;
    private static final int SO_EE_ORIGIN_ICMP6 = 3;
    private static final int SO_EE_ORIGIN_TIMESTAMPING = 4;
    private static final int PAYLOAD = 32;
    /**
     * How long the socket waits, before its first probe, for the kernel to stamp arrivals: the first
     * socket to ask turns the stamping on a moment later (deferred work), and an answer that comes
     * before is stamped when it is read.
     */
    private static final Duration STAMPS_ON = Duration.ofMillis(20);

    private static final MethodHandle SETSOCKOPT = LibC.downcall(
            "setsockopt",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT),
            LibC.captureErrno());
    private static final MethodHandle RECVMSG = LibC.downcall(
            "recvmsg",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            LibC.captureErrno());
    private static final MethodHandle POLL = LibC.downcall(
            "poll",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
            LibC.captureErrno());

    private static final ValueLayout.OfShort NET_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /**
     * One hop: who answered its probes (none: silent; several: load-balanced paths), the round trips
     * of those that came back, and how the path ends there, if it does.
     *
     * @param sent probes that went out (a full send buffer can lose one)
     * @param end "" while the path goes on; "reached" when the target answered; otherwise why a router
     *     turned the probes away: "net unreachable", "host unreachable", "prohibited", ...
     */
    public record Hop(int ttl, List<IpKey> addresses, List<Double> rttMs, int sent, String end) {
        public Hop {
            addresses = List.copyOf(addresses);
            rttMs = List.copyOf(rttMs);
        }
    }

    /** The hops up to where the target answered or the path ended, or up to {@code maxHops}. */
    public record Route(IpKey target, int maxHops, int probes, Probe probe, List<Hop> hops, boolean reached) {
        public Route {
            hops = List.copyOf(hops);
        }
    }

    private final int maxHops;
    private final int probes;
    private final Duration wait;
    private final Probe kind;
    /** Run between a probe's user-space stamp and its send (tests: a thread held up there). */
    private final Runnable beforeSend;

    /** UDP probes; see {@link #RouteTracer(int, int, Duration, Probe)}. */
    public RouteTracer(int maxHops, int probes, Duration wait) {
        this(maxHops, probes, wait, Probe.UDP);
    }

    /**
     * @param maxHops the highest TTL tried (1..255)
     * @param probes probes per hop (1..10)
     * @param wait how long a wave waits for its answers
     * @param kind UDP datagrams or ICMP echo requests
     */
    public RouteTracer(int maxHops, int probes, Duration wait, Probe kind) {
        this(maxHops, probes, wait, kind, () -> {});
    }

    RouteTracer(int maxHops, int probes, Duration wait, Probe kind, Runnable beforeSend) {
        if (maxHops < 1 || maxHops > 255 || probes < 1 || probes > 10 || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("max hops 1..255, probes 1..10, a positive wait");
        }
        this.maxHops = maxHops;
        this.probes = probes;
        this.wait = wait;
        this.kind = java.util.Objects.requireNonNull(kind);
        this.beforeSend = beforeSend;
    }

    /** Traces the path to {@code target}; throws with the kernel's reason when no probe can be sent. */
    public Route trace(IpKey target) throws IOException {
        boolean v4 = target.isV4();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = LibC.newErrnoSegment(arena);
            boolean icmp = kind == Probe.ICMP;
            int protocol = !icmp ? 0 : v4 ? IPPROTO_ICMP : IPPROTO_ICMPV6;
            int fd = LibC.socket(
                    errno, v4 ? AF_INET : AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
            if (fd < 0) {
                int e = LibC.errno(errno);
                if (icmp && e == EACCES) {
                    throw new IOException("ICMP echo probes need this user's group in net.ipv4.ping_group_range"
                            + " (it is " + pingGroups() + "; e.g. sysctl -w net.ipv4.ping_group_range='0 2147483647'),"
                            + " or UDP probes (the default)");
                }
                throw new IOException((icmp ? "ICMP" : "UDP") + " socket: " + LibC.strerror(e));
            }
            try {
                return new Session(arena, errno, fd, target, v4).run();
            } finally {
                LibC.close(fd);
            }
        }
    }

    /**
     * UDP probes first; when they do not reach the target, ICMP echo probes too (a firewall on the way
     * may drop UDP to high ports and pass echo requests), and the route that got further is the
     * answer. ICMP sockets closed to this user leave the UDP route as it is.
     */
    public static Route furthest(IpKey target, int maxHops, int probes, Duration wait) throws IOException {
        Route udp = new RouteTracer(maxHops, probes, wait, Probe.UDP).trace(target);
        if (udp.reached()) {
            return udp;
        }
        Route icmp;
        try {
            icmp = new RouteTracer(maxHops, probes, wait, Probe.ICMP).trace(target);
        } catch (IOException e) {
            return udp;
        }
        return icmp.reached() || lastAnswer(icmp) > lastAnswer(udp) ? icmp : udp;
    }

    /** The last hop that answered at all; 0 when none did. */
    private static int lastAnswer(Route r) {
        int last = 0;
        for (Hop h : r.hops()) {
            if (!h.addresses().isEmpty()) {
                last = h.ttl();
            }
        }
        return last;
    }

    /**
     * This network namespace's {@code net.ipv4.ping_group_range}, for a refusal's message. Read in one
     * call: the kernel answers a sysctl with two numbers only to a read from its start with room for
     * both ({@code Files.readString} got "1" of "1 0").
     */
    private static String pingGroups() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/sys/net/ipv4/ping_group_range")) {
            byte[] b = new byte[128];
            int n = in.read(b);
            String text = n <= 0 ? "" : new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
            return "'" + text.trim().replaceAll("\\s+", " ") + "'";
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    /** One trace's socket, buffers and answers. */
    private final class Session {
        final MemorySegment errno;
        final int fd;
        final IpKey target;
        final boolean v4;
        final MemorySegment dest;
        final MemorySegment payload;
        final MemorySegment intValue;
        final MemorySegment msg;
        final MemorySegment name;
        final MemorySegment iov;
        final MemorySegment data;
        final MemorySegment control;
        final MemorySegment pollFd;
        /**
         * When each probe was sent: stamped here just before the send, then replaced by the kernel's
         * own stamp of it when that comes ({@link #sent}); 0: not sent.
         */
        final long[] sentAt;
        /** Stamped here when the probe's send returned: the kernel's stamp of it is between the two. */
        final long[] sentBy;

        final double[] rtt;
        final IpKey[] from;
        final String[] end;

        Session(Arena arena, MemorySegment errno, int fd, IpKey target, boolean v4) {
            this.errno = errno;
            this.fd = fd;
            this.target = target;
            this.v4 = v4;
            this.dest = arena.allocate(28, 8);
            this.payload = arena.allocate(PAYLOAD, 8);
            this.intValue = arena.allocate(ValueLayout.JAVA_INT);
            this.msg = arena.allocate(56, 8);
            this.name = arena.allocate(28, 8);
            this.iov = arena.allocate(16, 8);
            this.data = arena.allocate(512, 8);
            this.control = arena.allocate(512, 8);
            this.pollFd = arena.allocate(8, 8);
            int n = maxHops * probes;
            this.sentAt = new long[n];
            this.sentBy = new long[n];
            this.rtt = new double[n];
            this.from = new IpKey[n];
            this.end = new String[n];
            java.util.Arrays.fill(rtt, -1);
            byte[] t = target.toBytes();
            dest.set(ValueLayout.JAVA_SHORT, 0, (short) (v4 ? AF_INET : AF_INET6));
            MemorySegment.copy(t, 0, dest, ValueLayout.JAVA_BYTE, v4 ? 4 : 8, t.length);
            for (int i = 0; i < PAYLOAD; i++) {
                payload.set(ValueLayout.JAVA_BYTE, i, (byte) "nethergaze trace".charAt(i % 16));
            }
            if (kind == Probe.ICMP) {
                // an echo request; the kernel fills in the identifier (the socket's own) and the checksum
                payload.set(ValueLayout.JAVA_BYTE, 0, (byte) (v4 ? 8 : 128));
                payload.set(ValueLayout.JAVA_BYTE, 1, (byte) 0);
                payload.set(NET_SHORT, 2, (short) 0);
                payload.set(NET_SHORT, 4, (short) 0);
            }
        }

        Route run() throws IOException {
            option(v4 ? SOL_IP : SOL_IPV6, v4 ? IP_RECVERR : IPV6_RECVERR, 1);
            // round trips from the kernel's arrival stamps, not from when this thread got round to
            // reading (the first answers wait while the rest of the wave is sent)
            option(SOL_SOCKET, SO_TIMESTAMPNS, 1);
            // and sends from the kernel's stamps too: this thread's own stamp before the send is late by
            // however long it was held up before the send went out (a busy host: the very one traced from
            // during an incident), and every round trip of the probe with it. A kernel without them keeps
            // the thread's stamp.
            tryOption(
                    SOL_SOCKET,
                    SO_TIMESTAMPING,
                    SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE | SOF_TIMESTAMPING_OPT_TSONLY);
            warmUp();
            int last = maxHops; // the hop where the path ended, once known
            for (int first = 1; first <= Math.min(maxHops, last); first += WAVE) {
                int upTo = Math.min(Math.min(maxHops, last), first + WAVE - 1);
                for (int ttl = first; ttl <= upTo; ttl++) {
                    option(v4 ? SOL_IP : SOL_IPV6, v4 ? IP_TTL : IPV6_UNICAST_HOPS, ttl);
                    for (int p = 0; p < probes; p++) {
                        send(ttl, p);
                    }
                }
                collect(first, upTo);
                for (int ttl = 1; ttl <= upTo; ttl++) { // a late answer to an earlier wave counts too
                    if (endsAt(ttl)) {
                        last = Math.min(last, ttl);
                    }
                }
                if (last <= upTo) {
                    break;
                }
            }
            List<Hop> hops = new ArrayList<>();
            boolean reached = false;
            for (int ttl = 1; ttl <= Math.min(last, maxHops); ttl++) {
                Hop h = hop(ttl);
                hops.add(h);
                reached |= h.end().equals("reached");
            }
            return new Route(target, maxHops, probes, kind, hops, reached);
        }

        /**
         * Before the first probe: poll and recvmsg called once on the still empty socket, as their first
         * calls link the native downcalls (milliseconds in a fresh process), and {@link #STAMPS_ON}
         * waited. Without both, a fresh {@code nethergaze trace} said 5 to 20 ms for hops of 0.01 ms in
         * most runs: answers that came while the first wave was sent, before the kernel stamped
         * arrivals, were stamped when read, and the first read was late.
         */
        private void warmUp() throws IOException {
            pollFd.set(ValueLayout.JAVA_INT, 0, fd);
            pollFd.set(ValueLayout.JAVA_SHORT, 4, (short) (POLLIN | POLLERR));
            pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            poll(0);
            drain();
            poll((int) STAMPS_ON.toMillis()); // nothing to wait for but the time
            drain();
        }

        private boolean endsAt(int ttl) {
            for (int p = 0; p < probes; p++) {
                if (end[index(ttl, p)] != null) {
                    return true;
                }
            }
            return false;
        }

        private Hop hop(int ttl) {
            List<IpKey> who = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            String how = "";
            for (int p = 0; p < probes; p++) {
                int i = index(ttl, p);
                if (from[i] != null && !who.contains(from[i])) {
                    who.add(from[i]);
                }
                if (rtt[i] >= 0) {
                    times.add(rtt[i]);
                }
                if (end[i] != null && how.isEmpty()) {
                    how = end[i];
                }
            }
            int sent = 0;
            for (int p = 0; p < probes; p++) {
                sent += sentAt[index(ttl, p)] != 0 ? 1 : 0;
            }
            return new Hop(ttl, who, times, sent, how);
        }

        private int index(int ttl, int probe) {
            return (ttl - 1) * probes + probe;
        }

        private void send(int ttl, int probe) throws IOException {
            int i = index(ttl, probe);
            if (kind == Probe.ICMP) {
                payload.set(NET_SHORT, 6, (short) (BASE_PORT + i)); // the echo's sequence number
            } else {
                dest.set(NET_SHORT, 2, (short) (BASE_PORT + i));
            }
            // An ICMP answer to an earlier probe is also left on the socket as a pending error, which
            // the next send returns (and clears) instead of sending: such a send is tried again. A
            // failure that repeats is the host's own (no route to the target at all).
            for (int attempt = 0; ; attempt++) {
                sentAt[i] = realNanos();
                beforeSend.run();
                if (LibC.sendto(errno, fd, payload, PAYLOAD, dest, v4 ? 16 : 28) >= 0) {
                    sentBy[i] = realNanos();
                    return;
                }
                int e = LibC.errno(errno);
                if (e == EAGAIN) {
                    sentAt[i] = 0; // a full send buffer loses one probe, not the trace
                    return;
                }
                if (attempt == 2) {
                    // a datagram to a broadcast address without SO_BROADCAST: the kernel's EACCES
                    String hint =
                            e == EACCES && kind == Probe.UDP ? " (a broadcast address: no one route leads to it)" : "";
                    throw new IOException("cannot send to " + target + ": " + LibC.strerror(e) + hint);
                }
            }
        }

        /** Reads answers until every probe of hops {@code first..upTo} has one, or the wait is over. */
        private void collect(int first, int upTo) throws IOException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!answered(first, upTo)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                pollFd.set(ValueLayout.JAVA_INT, 0, fd);
                pollFd.set(ValueLayout.JAVA_SHORT, 4, (short) (POLLIN | POLLERR));
                pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
                int ready = poll((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                if (ready > 0) {
                    drain();
                }
            }
        }

        private boolean answered(int first, int upTo) {
            for (int ttl = first; ttl <= upTo; ttl++) {
                for (int p = 0; p < probes; p++) {
                    if (rtt[index(ttl, p)] < 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Every queued error (ICMP answers), then any datagram the target sent back (it answered). */
        private void drain() throws IOException {
            while (receive(MSG_ERRQUEUE)) {
                // each call handled one answer
            }
            while (receive(MSG_DONTWAIT)) {
                // a service on the probed port answered: the target is reached
            }
        }

        /** One recvmsg; false when nothing is queued. */
        private boolean receive(int flags) throws IOException {
            msg.fill((byte) 0);
            iov.set(ValueLayout.ADDRESS, 0, data);
            iov.set(ValueLayout.JAVA_LONG, 8, data.byteSize());
            msg.set(ValueLayout.ADDRESS, 0, name);
            msg.set(ValueLayout.JAVA_INT, 8, (int) name.byteSize());
            msg.set(ValueLayout.ADDRESS, 16, iov);
            msg.set(ValueLayout.JAVA_LONG, 24, 1L);
            msg.set(ValueLayout.ADDRESS, 32, control);
            msg.set(ValueLayout.JAVA_LONG, 40, control.byteSize());
            long n = recvmsg(flags);
            long now = realNanos(); // unless the kernel's stamp says when it arrived
            if (n < 0) {
                int e = LibC.errno(errno);
                if (e == EAGAIN || e == LibC.EINTR || (flags & MSG_ERRQUEUE) == 0) {
                    // a plain read also returns (and clears) the pending error an ICMP answer that
                    // came in after the error queue was drained left: that answer waits in the
                    // queue, and the next poll says so
                    return false;
                }
                throw new IOException("reading answers: " + LibC.strerror(e));
            }
            long controlLen = msg.get(ValueLayout.JAVA_LONG, 40);
            MemorySegment ee = null;
            long sentStamp = 0; // a send's stamp (struct scm_timestamping: its first timespec, software)
            for (long at = 0; at + 16 <= controlLen; ) {
                long len = control.get(ValueLayout.JAVA_LONG, at);
                int level = control.get(ValueLayout.JAVA_INT, at + 8);
                int type = control.get(ValueLayout.JAVA_INT, at + 12);
                if (len < 16 || at + len > controlLen) {
                    break;
                }
                if ((level == SOL_IP && type == IP_RECVERR) || (level == SOL_IPV6 && type == IPV6_RECVERR)) {
                    ee = control.asSlice(at + 16, len - 16);
                } else if (level == SOL_SOCKET && type == SO_TIMESTAMPNS && len >= 32) {
                    now = control.get(ValueLayout.JAVA_LONG, at + 16) * 1_000_000_000L
                            + control.get(ValueLayout.JAVA_LONG, at + 24);
                } else if (level == SOL_SOCKET && type == SO_TIMESTAMPING && len >= 64) {
                    sentStamp = control.get(ValueLayout.JAVA_LONG, at + 16) * 1_000_000_000L
                            + control.get(ValueLayout.JAVA_LONG, at + 24);
                }
                at += (len + 7) & ~7L;
            }
            if ((flags & MSG_ERRQUEUE) != 0
                    && ee != null
                    && Byte.toUnsignedInt(ee.get(ValueLayout.JAVA_BYTE, 4)) == SO_EE_ORIGIN_TIMESTAMPING) {
                sent(sentStamp);
                return true;
            }
            // a plain reply comes from the target's port; an error's msg_name is the probe's own
            // destination: either way its port says which probe this answers. An ICMP probe's number
            // is its echo's sequence: in the reply, and in the request a router's error quotes
            int port;
            if (kind == Probe.ICMP) {
                int type = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, 0));
                boolean reply = type == (v4 ? 0 : 129);
                boolean request = type == (v4 ? 8 : 128);
                if (n < ICMP_HEADER || ((flags & MSG_ERRQUEUE) == 0 ? !reply : !request)) {
                    return true; // not an answer to one of our echoes
                }
                port = Short.toUnsignedInt(data.get(NET_SHORT, 6));
            } else {
                port = Short.toUnsignedInt(name.get(NET_SHORT, 2));
            }
            if ((flags & MSG_ERRQUEUE) == 0) {
                record(port, now, IpKey.ofBytes(addressBytes(name)), "reached");
            } else if (ee != null) {
                answer(port, now, ee);
            }
            return true;
        }

        /** A {@code sock_extended_err} and the offender's address after it. */
        private void answer(int port, long now, MemorySegment ee) {
            int origin = Byte.toUnsignedInt(ee.get(ValueLayout.JAVA_BYTE, 4));
            int type = Byte.toUnsignedInt(ee.get(ValueLayout.JAVA_BYTE, 5));
            int code = Byte.toUnsignedInt(ee.get(ValueLayout.JAVA_BYTE, 6));
            if (origin != SO_EE_ORIGIN_ICMP && origin != SO_EE_ORIGIN_ICMP6) {
                return; // a local error (e.g. a full queue): no hop answered
            }
            IpKey offender = null;
            if (ee.byteSize() >= 16 + (v4 ? 8 : 24)) {
                MemorySegment sa = ee.asSlice(16);
                offender = IpKey.ofBytes(addressBytes(sa));
            }
            record(port, now, offender, IcmpAnswer.end(origin == SO_EE_ORIGIN_ICMP6, type, code));
        }

        private byte[] addressBytes(MemorySegment sockaddr) {
            return sockaddr.asSlice(v4 ? 4 : 8, v4 ? 4 : 16).toArray(ValueLayout.JAVA_BYTE);
        }

        /** The wall clock in nanoseconds, as the kernel stamps arrivals (CLOCK_REALTIME). */
        private static long realNanos() {
            java.time.Instant t = java.time.Instant.now();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }

        /**
         * The kernel's stamp of a send: it replaces the stamp taken here before the send of the probe
         * whose send it falls within (sends are one after another, so at most one). The error queue
         * gives a send's stamp before any answer to it, and a stamp outside every send (a packet held in
         * a queue past its send's return) leaves the probes' own stamps as they are.
         */
        private void sent(long stamp) {
            if (stamp <= 0) {
                return;
            }
            for (int i = 0; i < sentAt.length; i++) {
                if (sentBy[i] != 0 && sentAt[i] <= stamp && stamp <= sentBy[i] && rtt[i] < 0) {
                    sentAt[i] = stamp;
                    return;
                }
            }
        }

        private void record(int port, long now, IpKey who, String how) {
            int i = port - BASE_PORT;
            if (i < 0 || i >= sentAt.length || sentAt[i] == 0 || rtt[i] >= 0) {
                return; // not one of ours, or a duplicate
            }
            rtt[i] = (now - sentAt[i]) / 1e6;
            from[i] = who;
            end[i] = how;
        }

        private void option(int level, int name, int value) throws IOException {
            intValue.set(ValueLayout.JAVA_INT, 0, value);
            int r;
            try {
                r = (int) SETSOCKOPT.invokeExact(errno, fd, level, name, intValue, 4);
            } catch (Throwable t) {
                throw new IllegalStateException("setsockopt() downcall failed", t);
            }
            if (r < 0) {
                throw new IOException("setsockopt " + name + ": " + LibC.strerror(LibC.errno(errno)));
            }
        }

        /** As {@link #option}, for an option the kernel may not have: then the socket goes on without it. */
        private void tryOption(int level, int name, int value) {
            try {
                option(level, name, value);
            } catch (IOException e) {
                // without it (what the option was for is done another way)
            }
        }

        private long recvmsg(int flags) {
            try {
                return (long) RECVMSG.invokeExact(errno, fd, msg, flags);
            } catch (Throwable t) {
                throw new IllegalStateException("recvmsg() downcall failed", t);
            }
        }

        private int poll(int millis) {
            try {
                return (int) POLL.invokeExact(errno, pollFd, 1L, millis);
            } catch (Throwable t) {
                throw new IllegalStateException("poll() downcall failed", t);
            }
        }
    }
}
