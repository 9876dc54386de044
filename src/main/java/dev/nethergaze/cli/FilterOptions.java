package dev.nethergaze.cli;

import dev.nethergaze.detect.Filter;
import dev.nethergaze.detect.FilterException;
import dev.nethergaze.model.Snapshot;
import picocli.CommandLine.Option;

/** {@code --filter EXPR} and {@code --suspicious}: which IPs a snapshot shows. */
final class FilterOptions {

    @Option(
            names = "--filter",
            paramLabel = "EXPR",
            description = "Show only IPs matching EXPR, e.g. 'state:SYN_RECV rate>=60 !cidr:10.0.0.0/8 rule:exploit'.")
    String filter;

    @Option(names = "--suspicious", description = "Show only flagged IPs, most severe first.")
    boolean suspicious;

    private Filter parsed;

    /** Parses the filter once; a bad term is a one-line usage error. */
    Filter parsed() {
        if (parsed == null) {
            try {
                parsed = Filter.parse(filter);
            } catch (FilterException e) {
                throw new UserException("--filter: " + e.getMessage());
            }
        }
        return parsed;
    }

    Snapshot apply(Snapshot s) {
        return parsed().select(s, suspicious);
    }
}
