package dev.nethergaze.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a long-running live session ({@code console}, {@code watch}, {@code serve}) adds: packet capture,
 * the control socket, the web view and publishing to NATS.
 */
final class SessionOptions {

    /** The {@code --capture} value that means the default-route interface. */
    static final String AUTO = "auto";

    @Option(
            names = "--capture",
            paramLabel = "IFACE",
            arity = "0..1",
            fallbackValue = AUTO,
            description = "Also capture packets (libpcap; root or CAP_NET_RAW) on IFACE, default: the"
                    + " default-route interface. Adds ips[].wire and the wire rules (high_pps, syn_scan).")
    String capture;

    @Mixin
    CaptureFilterOptions filter = new CaptureFilterOptions();

    @Mixin
    ControlSocketOptions control = new ControlSocketOptions();

    @Option(
            names = "--nats",
            paramLabel = "URL",
            defaultValue = "${env:NETHERGAZE_NATS}",
            description = "Also publish this host's flagged IPs to NATS for 'nethergaze fleet'"
                    + " (nats://[user:pass@ or token@]host[:port], or tls://...[?ca=PEM]; subject nethergaze.HOST.snapshot,"
                    + " every 5 s). Default: $NETHERGAZE_NATS, which keeps credentials out of ps.")
    String nats;

    @Option(
            names = "--web",
            paramLabel = "ADDR",
            arity = "0..1",
            fallbackValue = WebListen.DEFAULT,
            description = "Also serve the web view, its API and Prometheus /metrics on HOST:PORT, [IPv6]:PORT or PORT"
                    + " (default " + WebListen.DEFAULT + "); beyond loopback only with a token in "
                    + WebListen.TOKEN_ENV + ".")
    String web;

    /** A session with capture on {@code iface} (null: the default-route interface) and these options. */
    static SessionOptions capturing(String iface, CaptureFilterOptions filter, ControlSocketOptions control) {
        SessionOptions s = new SessionOptions();
        s.capture = iface == null ? AUTO : iface;
        s.filter = filter;
        s.control = control;
        return s;
    }

    /** The interface to capture on, null for the default-route one; only meaningful when {@link #capturing()}. */
    String iface() {
        return capture == null || capture.equals(AUTO) ? null : capture;
    }

    boolean capturing() {
        return capture != null;
    }

    /** Filter options without --capture are a mistake worth one clear line, not a silent no-op. */
    void validate() {
        if (!capturing() && filter.given()) {
            throw new UserException("--port, --proto, --src, --dst and --bpf filter the packet capture: add --capture");
        }
        filter.spec();
        if (nats != null && nats.isBlank()) {
            nats = null; // NETHERGAZE_NATS set but empty: no publishing
        }
        if (nats != null) {
            FleetOptions.checked(nats);
        }
        if (web != null) {
            WebListen.parse(web); // a bad address fails before anything starts
        }
    }
}
