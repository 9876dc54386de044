package dev.nethergaze.act;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an {@code ipset add} of ours failed when the set is full, in words that say what to do: ipset
 * itself says only "Hash is full, cannot add more elements", naming neither the set nor its size.
 */
final class IpsetFull {

    private static final Pattern MAXELEM = Pattern.compile("\\bmaxelem ([0-9]+)");

    private IpsetFull() {}

    /**
     * The one-line reason for a failed step, or null when it is not an {@code ipset add} that ran into
     * a full set; reads the set's header ({@code ipset list -t}) for its size.
     */
    static String explain(List<String> argv, CommandRunner.Result r, CommandRunner runner, Duration timeout)
            throws InterruptedException {
        if (argv.size() < 3 || !argv.get(0).equals("ipset") || !argv.get(1).equals("add")) {
            return null;
        }
        if (!r.firstLine().contains("is full")) {
            return null;
        }
        String set = argv.get(2);
        CommandRunner.Result header = runner.run(List.of("ipset", "list", "-t", set), timeout);
        Matcher m = MAXELEM.matcher(header.ok() ? header.stdout() : "");
        String size = m.find() ? " (" + m.group(1) + " entries, its maxelem)" : "";
        String bigger = m.find(0) && Long.parseLong(m.group(1)) < FirewallCommands.IPSET_MAXELEM
                ? "; or, once it is empty, ipset destroy " + set + " after deleting its iptables rule: the next"
                        + " block makes it anew with maxelem " + FirewallCommands.IPSET_MAXELEM
                : "";
        return "ipset set " + set + " is full" + size + ": block prefixes rather than their addresses one by one"
                + " (nethergaze unblock PREFIX lifts those inside it, then block PREFIX holds them all in one"
                + " entry), or unblock some" + bigger;
    }
}
