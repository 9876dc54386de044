package dev.nethergaze.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** User-agent substrings of vulnerability scanners and attack tools (built-in list plus config). */
final class ScannerAgents {

    static final List<String> BUILT_IN = List.of(
            "nikto",
            "sqlmap",
            "nmap",
            "masscan",
            "zgrab",
            "nuclei",
            "wpscan",
            "dirbuster",
            "gobuster",
            "dirb/",
            "ffuf",
            "feroxbuster",
            "acunetix",
            "nessus",
            "openvas",
            "w3af",
            "whatweb",
            "jaeles",
            "zmeu",
            "morfeus",
            "fimap",
            "havij",
            "netsparker",
            "arachni",
            "skipfish",
            "wfuzz",
            "commix",
            "xsser",
            "l9explore",
            "l9tcpid",
            "hydra");

    private final List<String> needles;

    ScannerAgents(List<String> extra) {
        List<String> all = new ArrayList<>(BUILT_IN);
        for (String e : extra) {
            if (!e.isBlank()) {
                all.add(e.strip().toLowerCase(Locale.ROOT));
            }
        }
        this.needles = List.copyOf(all);
    }

    /** The list entry the agent contains, or null. */
    String match(String userAgent) {
        if (userAgent.isEmpty()) {
            return null;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String n : needles) {
            if (ua.contains(n)) {
                return n;
            }
        }
        return null;
    }
}
