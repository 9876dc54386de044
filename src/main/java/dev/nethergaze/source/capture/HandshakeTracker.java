package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows TCP flows (both directions, IPv4 and IPv6) to match SYN → SYN-ACK → ACK and to spot
 * retransmitted segments. Answer times go to the IP that answered: SYN→SYN-ACK to the server,
 * SYN-ACK→ACK to the client (which also counts a completed handshake). Each SYN that is not a
 * retransmission is one handshake attempt, and ends in exactly one outcome, counted for its sender
 * (the client) and in {@link #outcomes}: completed; unanswered (no SYN-ACK within the timeout, or
 * answered by RST), of which refused when the other side's RST answered it (a closed port); half-open
 * (a SYN-ACK neither ACKed nor reset within the timeout); or reset after its SYN-ACK (an RST instead of
 * the ACK, as a SYN scan's kernel answers an open port). A new SYN of another sequence on a flow
 * whose handshake is still open ends the old attempt as it stands. A SYN-ACK captured before its SYN (the two directions
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
    private long attempts;
    private long resent;
    private long completed;
    private long unanswered;
    private long refused;
    private long halfOpen;
    private long synAckReset;

    HandshakeTracker(int maxFlows, long timeoutNanos) {
        this.maxFlows = maxFlows;
        this.timeoutNanos = timeoutNanos;
    }

    void clear() {
        flows.clear();
        pending.clear();
        evicted = 0;
        attempts = 0;
        resent = 0;
        completed = 0;
        unanswered = 0;
        refused = 0;
        halfOpen = 0;
        synAckReset = 0;
    }

    /**
     * How the handshake attempts ended, capture-wide (IPs evicted since included): {@code syn} the
     * attempts (SYNs less the {@code syn_resent} retransmissions) = {@code handshakes} + {@code
     * syn_unanswered} (of which {@code syn_refused}) + {@code half_open} + {@code synack_reset} + {@code
     * open} (still awaiting a SYN-ACK or the ACK). Named as the per-IP figures of {@code ips[].wire}.
     */
    Map<String, Long> outcomes() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("syn", attempts);
        m.put("syn_resent", resent);
        m.put("handshakes", completed);
        m.put("syn_unanswered", unanswered);
        m.put("syn_refused", refused);
        m.put("half_open", halfOpen);
        m.put("synack_reset", synAckReset);
        m.put("open", attempts - completed - unanswered - halfOpen - synAckReset);
        return m;
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
        f.reply = !(syn && !ack) && (flow.state != NONE ? !fromClient : f.replyByPorts()); // a SYN is an opening
        if (syn && !ack) {
            boolean open = flow.state == SYN_SENT || flow.state == SYN_ACKED;
            if (open && fromClient && flow.synSeq == f.seq) {
                src.retransmission();
                resent++;
                if (flow.state == SYN_SENT) {
                    flow.synNanos = f.tsNanos;
                }
            } else {
                if (open) { // a new attempt on the flow: the old one ends as it stands
                    resolve(flow, lookup, flow.state == SYN_SENT ? Outcome.UNANSWERED : Outcome.HALF_OPEN);
                }
                attempts++;
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
            if (flow.state == SYN_SENT) {
                resolve(flow, lookup, fromClient ? Outcome.UNANSWERED : Outcome.REFUSED);
            } else if (flow.state == SYN_ACKED) {
                resolve(flow, lookup, Outcome.SYNACK_RESET);
            }
            return opened;
        }
        if (ack && flow.state == SYN_ACKED && fromClient) {
            src.handshake(f.tsNanos - flow.synAckNanos);
            completed++;
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

    /** Ends an open handshake as it stands (timed out, or the end of input); a completed one is let go. */
    private void resolve(Flow flow, Ips lookup) {
        if (flow.state == SYN_SENT || flow.state == SYN_ACKED) {
            resolve(flow, lookup, flow.state == SYN_SENT ? Outcome.UNANSWERED : Outcome.HALF_OPEN);
        } else {
            flow.generation++;
        }
    }

    /** How an open handshake ended. */
    private enum Outcome {
        UNANSWERED,
        /** Unanswered: the other side's RST answered the SYN (a closed port). */
        REFUSED,
        HALF_OPEN,
        SYNACK_RESET
    }

    /**
     * Counts the open handshake's outcome capture-wide and for its client, when the client is still
     * tracked (else it went with it), and ends it.
     */
    private void resolve(Flow flow, Ips lookup, Outcome o) {
        IpCounters client = flow.client(lookup);
        switch (o) {
            case UNANSWERED, REFUSED -> {
                unanswered++;
                if (client != null) {
                    client.unanswered();
                }
                if (o == Outcome.REFUSED) {
                    refused++;
                    if (client != null) {
                        client.refused();
                    }
                }
            }
            case HALF_OPEN -> {
                halfOpen++;
                if (client != null) {
                    client.halfOpen();
                }
            }
            case SYNACK_RESET -> {
                synAckReset++;
                if (client != null) {
                    client.synAckReset();
                }
            }
        }
        flow.state = DONE;
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
