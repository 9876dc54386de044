package dev.nethergaze.cli;

import dev.nethergaze.source.capture.FilterSpec;
import picocli.CommandLine.Option;

/** The capture filter options {@code capture}, {@code console} and {@code watch} share; ANDed into one BPF filter. */
final class CaptureFilterOptions {

    @Option(names = "--port", paramLabel = "PORTS", description = "Capture only these ports, e.g. 80,443,8000-8100.")
    String port;

    @Option(names = "--proto", paramLabel = "PROTOS", description = "Capture only these protocols: tcp,udp,icmp.")
    String proto;

    @Option(names = "--src", paramLabel = "NETS", description = "Capture only from these addresses or networks.")
    String src;

    @Option(names = "--dst", paramLabel = "NETS", description = "Capture only to these addresses or networks.")
    String dst;

    @Option(
            names = "--bpf",
            paramLabel = "EXPR",
            description = "Raw BPF expression (live capture only), ANDed with the rest.")
    String bpf;

    /** The filter these options describe; a bad value is a usage error naming it. */
    FilterSpec spec() {
        try {
            return FilterSpec.parse(port, proto, src, dst, bpf);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** Whether any filter option was given (they need a capture to apply to). */
    boolean given() {
        return port != null || proto != null || src != null || dst != null || bpf != null;
    }
}
