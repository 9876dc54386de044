package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;
import java.util.ArrayDeque;

/**
 * Follows TCP flows (both directions, IPv4 and IPv6) to match SYN → SYN-ACK → ACK and to spot
 * retransmitted segments. Answer times go to the IP that answered: SYN→SYN-ACK to the server,
 * SYN-ACK→ACK to the client (which also counts a completed handshake). A SYN with no SYN-ACK
 * within the timeout (or answered by RST) counts as unanswered for its sender, and one the other
 * side answered by RST (a closed port) also as refused; a SYN-ACK never ACKed counts as half-open
 * for the client. A SYN-ACK captured before its SYN (the two directions
 * timestamped apart) answers the SYN that follows it when that SYN's sequence is the SYN-ACK's ack - 1;
 * the server then gets no answer time (it would be negative). The flow table is an LRU of at most
 * {@code maxFlows}.
 */
final class HandshakeTracker {

    private static final byte NONE = 0;
    private static final byte SYN_SENT = 1;
    private static final byte SYN_ACKED = 2;
    private static final byte DONE = 3;

    /** Finds a flow's counters by address (the two longs of an {@link IpKey}); null when not tracked. */
    @FunctionalInterface
    interface Ips {
        IpCounters counters(long hi, long lo);
    }

    /** One flow; side A is the lower (address, port) endpoint. */
    private static final class Flow extends LruIndex.Entry<Flow> {
        final long aHi;
        final long aLo;
        final long bHi;
        final long bLo;
        final int aPort;
        final int bPort;
        byte state = NONE;
        boolean clientIsA;
        long synNanos;
        long synAckNanos;
        int synSeq;
        int generation;
        boolean hasHighA;
        boolean hasHighB;
        int highA;
        int highB;
        /** A SYN-ACK seen before any SYN of the flow: which side sent it, its ack number and time. */
        boolean earlySynAck;

        boolean earlySynAckFromA;
        int earlySynAckAck;
        long earlySynAckNanos;

        Flow(long aHi, long aLo, long bHi, long bLo, int aPort, int bPort) {
            this.aHi = aHi;
            this.aLo = aLo;
            this.bHi = bHi;
            this.bLo = bLo;
            this.aPort = aPort;
            this.bPort = bPort;
        }

        IpCounters client(Ips ips) {
            return clientIsA ? ips.counters(aHi, aLo) : ips.counters(bHi, bLo);
        }
    }

    /** Flows by their (A, B) endpoints, least recently seen first. */
    private static final class FlowTable extends LruIndex<Flow> {
        private long aHi;
        private long aLo;
        private long bHi;
        private long bLo;
        private int aPort;
        private int bPort;

        Flow get(long aHi, long aLo, long bHi, long bLo, int aPort, int bPort) {
            this.aHi = aHi;
            this.aLo = aLo;
            this.bHi = bHi;
            this.bLo = bLo;
            this.aPort = aPort;
            this.bPort = bPort;
            return find(hash(aHi, aLo, bHi, bLo, aPort, bPort));
        }

        void add(Flow f) {
            insert(f, hash(f.aHi, f.aLo, f.bHi, f.bLo, f.aPort, f.bPort));
        }

        @Override
        protected boolean matches(Flow f) {
            return f.aLo == aLo && f.bLo == bLo && f.aPort == aPort && f.bPort == bPort && f.aHi == aHi && f.bHi == bHi;
        }

        private static int hash(long aHi, long aLo, long bHi, long bLo, int aPort, int bPort) {
            return mix(aLo + 31 * aHi + ((long) aPort << 48), bLo + 31 * bHi + ((long) bPort << 48));
        }
    }

    private record Pending(Flow flow, int generation, long synNanos) {

        boolean current() {
            return flow.generation == generation;
        }
    }

    private final int maxFlows;
    private final long timeoutNanos;
    private final FlowTable flows = new FlowTable();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long evicted;

    HandshakeTracker(int maxFlows, long timeoutNanos) {
        this.maxFlows = maxFlows;
        this.timeoutNanos = timeoutNanos;
    }

    void clear() {
        flows.clear();
        pending.clear();
        evicted = 0;
    }

    int flowCount() {
        return flows.size();
    }

    long evicted() {
        return evicted;
    }

    /** Follows one TCP segment; returns whether it opened a flow that was not tracked. */
    boolean tcp(Frame f, IpCounters src, IpCounters dst, Ips lookup) {
        boolean srcIsA = compare(f.srcHi, f.srcLo, f.srcPort, f.dstHi, f.dstLo, f.dstPort) <= 0;
        Flow flow = srcIsA
                ? flows.get(f.srcHi, f.srcLo, f.dstHi, f.dstLo, f.srcPort, f.dstPort)
                : flows.get(f.dstHi, f.dstLo, f.srcHi, f.srcLo, f.dstPort, f.srcPort);
        boolean opened = flow == null;
        if (opened) {
            flow = srcIsA
                    ? new Flow(f.srcHi, f.srcLo, f.dstHi, f.dstLo, f.srcPort, f.dstPort)
                    : new Flow(f.dstHi, f.dstLo, f.srcHi, f.srcLo, f.dstPort, f.srcPort);
            flows.add(flow);
            if (flows.size() > maxFlows) {
                flows.removeEldest();
                evicted++;
            }
        }
        boolean fromClient = flow.state != NONE && flow.clientIsA == srcIsA;
        boolean syn = f.has(Frame.SYN);
        boolean ack = f.has(Frame.ACK);
        if (syn && !ack) {
            if (flow.state == SYN_SENT && fromClient && flow.synSeq == f.seq) {
                src.retransmission();
                flow.synNanos = f.tsNanos;
            } else {
                flow.state = SYN_SENT;
                flow.clientIsA = srcIsA;
                flow.synNanos = f.tsNanos;
                flow.synSeq = f.seq;
                flow.hasHighA = false;
                flow.hasHighB = false;
                flow.generation++;
                if (flow.earlySynAck && flow.earlySynAckFromA != srcIsA && flow.earlySynAckAck == f.seq + 1) {
                    flow.state = SYN_ACKED;
                    flow.synAckNanos = flow.earlySynAckNanos;
                }
                flow.earlySynAck = false;
                pending.addLast(new Pending(flow, flow.generation, f.tsNanos));
                trimPending(lookup);
            }
            return opened;
        }
        if (syn) {
            if (flow.state == SYN_SENT && !fromClient) {
                src.answered(f.tsNanos - flow.synNanos);
                flow.state = SYN_ACKED;
                flow.synAckNanos = f.tsNanos;
            } else if (flow.state == SYN_ACKED && !fromClient) {
                src.retransmission();
            } else if (flow.state == NONE) {
                flow.earlySynAck = true;
                flow.earlySynAckFromA = srcIsA;
                flow.earlySynAckAck = f.ack;
                flow.earlySynAckNanos = f.tsNanos;
            }
            return opened;
        }
        if (f.has(Frame.RST)) {
            IpCounters client = flow.state == SYN_SENT && !fromClient ? flow.client(lookup) : null;
            if (client != null) {
                client.refused();
            }
            if (flow.state == SYN_SENT || flow.state == SYN_ACKED) {
                resolve(flow, lookup);
            }
            return opened;
        }
        if (ack && flow.state == SYN_ACKED && fromClient) {
            src.handshake(f.tsNanos - flow.synAckNanos);
            flow.state = DONE;
        }
        data(f, flow, srcIsA, src);
        return opened;
    }

    /** A data or FIN segment whose sequence range was already seen in its direction is a retransmission. */
    private static void data(Frame f, Flow flow, boolean fromA, IpCounters src) {
        int len = f.payload + (f.has(Frame.FIN) ? 1 : 0);
        if (len == 0) {
            return;
        }
        int end = f.seq + len;
        boolean has = fromA ? flow.hasHighA : flow.hasHighB;
        int high = fromA ? flow.highA : flow.highB;
        if (has && end - high <= 0) {
            src.retransmission();
            return;
        }
        if (fromA) {
            flow.highA = end;
            flow.hasHighA = true;
        } else {
            flow.highB = end;
            flow.hasHighB = true;
        }
    }

    /** Resolves handshakes older than the timeout at packet time {@code nowNanos}. */
    void expire(long nowNanos, Ips lookup) {
        while (!pending.isEmpty() && nowNanos - pending.peekFirst().synNanos() > timeoutNanos) {
            Pending p = pending.pollFirst();
            if (p.current()) {
                resolve(p.flow(), lookup);
            }
        }
    }

    /** End of input: every open handshake is resolved as it stands. */
    void flush(Ips lookup) {
        expire(Long.MAX_VALUE, lookup);
        while (!pending.isEmpty()) {
            Pending p = pending.pollFirst();
            if (p.current()) {
                resolve(p.flow(), lookup);
            }
        }
    }

    private void trimPending(Ips lookup) {
        while (pending.size() > maxFlows) {
            Pending p = pending.pollFirst();
            if (p.current()) {
                resolve(p.flow(), lookup);
            }
        }
    }

    /** Resolves an open handshake for its client, when the client is still tracked (else it went with it). */
    private static void resolve(Flow flow, Ips lookup) {
        IpCounters client = flow.state == SYN_SENT || flow.state == SYN_ACKED ? flow.client(lookup) : null;
        if (client != null && flow.state == SYN_SENT) {
            client.unanswered();
        } else if (client != null) {
            client.halfOpen();
        }
        flow.state = flow.state == SYN_SENT || flow.state == SYN_ACKED ? DONE : flow.state;
        flow.generation++;
    }

    private static int compare(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        int c = Long.compareUnsigned(aHi, bHi);
        if (c == 0) {
            c = Long.compareUnsigned(aLo, bLo);
        }
        return c != 0 ? c : Integer.compare(aPort, bPort);
    }
}
