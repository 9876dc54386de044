package dev.nethergaze.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * User-agent substrings of vulnerability scanners and attack tools (built-in list plus config). Not
 * thread-safe: one instance per detector (engine thread).
 */
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

    private static final int MAX_CACHED = 4096;
    /** Longer agents are judged each time: they rarely repeat, and the cache stays small in bytes. */
    private static final int MAX_CACHED_LENGTH = 512;

    private static final String NONE = "";

    private final List<String> needles;
    /** Answers per agent string: logs repeat a few agents, so most lookups skip the lower-casing. */
    private final Map<String, String> cache = new HashMap<>();

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
        if (userAgent.length() > MAX_CACHED_LENGTH) {
            return scan(userAgent);
        }
        String known = cache.get(userAgent);
        if (known == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            String found = scan(userAgent);
            known = found == null ? NONE : found;
            cache.put(userAgent, known);
        }
        return known.isEmpty() ? null : known;
    }

    private String scan(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String n : needles) {
            if (ua.contains(n)) {
                return n;
            }
        }
        return null;
    }
}
