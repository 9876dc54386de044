package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The curated built-in list of exploit probes, matched after URL-decoding against the request path
 * and query, and (for payloads that arrive in headers, like Log4j) the user agent and referrer.
 * "Weak" patterns name files a real site may serve (wp-login.php, xmlrpc.php, cgi-bin,
 * phpMyAdmin): they count only when the server answers 4xx or when they are hit many times.
 */
final class ProbePatterns {

    enum Scope {
        /** The decoded path (before '?'). */
        PATH,
        /** The decoded query (after '?'). */
        QUERY,
        /** Path, query, user agent and referrer. */
        ANYWHERE
    }

    /**
     * A probe: its regex, and substrings one of which every text it matches contains ({@code needs}),
     * so most texts with a hint of some probe skip the regexes of the others.
     */
    record Probe(String id, String name, boolean weak, Scope scope, Pattern regex, Hints needs) {

        /** Whether the probe matches somewhere in {@code text} (normalised). */
        boolean find(String text) {
            return needs.in(text) && regex.matcher(text).find();
        }
    }

    /** What matched, and where. */
    record Match(Probe probe, String field) {}

    static final List<Probe> BUILT_IN = List.of(
            strong(
                    "log4j",
                    "Log4j JNDI lookup",
                    Scope.ANYWHERE,
                    "\\$\\{jndi:|\\$\\{[^}]{0,40}\\$\\{(lower:|upper:|::-|env:|date:|sys:)",
                    "${"),
            strong("traversal", "path traversal", Scope.ANYWHERE, "\\.\\./|/\\.\\.$", ".."),
            strong(
                    "system_file",
                    "system file read",
                    Scope.ANYWHERE,
                    "/etc/(passwd|shadow|group|hosts)|c:/win(dows/)?(win)?\\.ini|win\\.ini|/proc/self/environ",
                    "/etc/",
                    "c:/win",
                    "win.ini",
                    "/proc/"),
            strong("dotenv", ".env secrets file", Scope.PATH, "/\\.env($|[./~_-])", "/.env"),
            strong("vcs", "version-control metadata", Scope.PATH, "/\\.(git|svn|hg|bzr|cvs)($|/)", "/."),
            strong(
                    "dotfile",
                    "sensitive dotfile",
                    Scope.PATH,
                    "/\\.(bash_history|bashrc|profile|ssh|aws|htpasswd|htaccess|cvsignore|forward|ds_store|npmrc"
                            + "|docker|kube|config|cache|git-credentials)($|/)",
                    "/."),
            strong("phpunit_rce", "phpunit eval-stdin RCE", Scope.PATH, "phpunit/.*eval-stdin\\.php", "phpunit/"),
            strong(
                    "thinkphp_rce",
                    "ThinkPHP RCE",
                    Scope.ANYWHERE,
                    "invokefunction|/think/app|think\\\\app",
                    "invokefunction",
                    "think"),
            strong(
                    "webshell",
                    "web shell upload or use",
                    Scope.PATH,
                    "/(shell|cmd|c99|r57|wso|webshell|alfa|adminer|filemanager)\\.php$",
                    ".php"),
            strong(
                    "router_rce",
                    "router/IoT exploit",
                    Scope.PATH,
                    "^/(boaform|hnap1|gponform|setup\\.cgi|shell$)",
                    "/boaform",
                    "/hnap1",
                    "/gponform",
                    "/setup.cgi",
                    "/shell"),
            strong(
                    "sqli",
                    "SQL injection",
                    Scope.QUERY,
                    "union(\\s+all)?\\s+select|information_schema|,null,null|'\\s*or\\s*'?1'?\\s*=\\s*'?1"
                            + "|(sleep|benchmark|load_file|pg_sleep|substr|substring|selectchar|chr|distinct|upper|hex|md5"
                            + "|concat|char)\\(",
                    "union",
                    "information_schema",
                    ",null,null",
                    "'",
                    "("),
            strong(
                    "xss",
                    "cross-site scripting",
                    Scope.QUERY,
                    "<[a-z!/]|javascript:|(alert|prompt|confirm)\\(|onerror=",
                    "<",
                    "javascript:",
                    "alert(",
                    "prompt(",
                    "confirm(",
                    "onerror="),
            // markup in a path (reflected in error pages) or in a user agent or referrer (blind XSS aimed
            // at whoever reads the logs in a browser); never part of a legitimate one
            strong(
                    "xss",
                    "cross-site scripting",
                    Scope.ANYWHERE,
                    "<(script|img|svg|iframe|body|object|embed|details|a\\s)[\\s>/]|javascript:"
                            + "|\\bon(error|load|mouseover|focus|toggle)\\s*=|(alert|prompt|confirm)\\(",
                    "<",
                    "javascript:",
                    "onerror",
                    "onload",
                    "onmouseover",
                    "onfocus",
                    "ontoggle",
                    "alert(",
                    "prompt(",
                    "confirm("),
            strong("rfi", "remote file inclusion", Scope.QUERY, "=(https?|ftp)://\\S*\\.txt\\?", "://"),
            weak("wordpress_login", "WordPress login", Scope.PATH, "/wp-login\\.php$", "/wp-login.php"),
            weak("xmlrpc", "WordPress XML-RPC", Scope.PATH, "/xmlrpc\\.php$", "/xmlrpc.php"),
            weak(
                    "phpmyadmin",
                    "phpMyAdmin",
                    Scope.PATH,
                    "/(phpmyadmin|pma|myadmin)[^/]*/",
                    "/phpmyadmin",
                    "/pma",
                    "/myadmin"),
            weak("cgi_bin", "cgi-bin", Scope.PATH, "/cgi-bin/", "/cgi-bin/"),
            weak("server_status", "server status page", Scope.PATH, "/server-(status|info)$", "/server-"));

    private ProbePatterns() {}

    private static Probe strong(String id, String name, Scope scope, String regex, String... needs) {
        return new Probe(id, name, false, scope, Pattern.compile(regex), new Hints(needs));
    }

    private static Probe weak(String id, String name, Scope scope, String regex, String... needs) {
        return new Probe(id, name, true, scope, Pattern.compile(regex), new Hints(needs));
    }

    /**
     * The needs of every PATH and ANYWHERE probe: a target holding none is quiet without a regex (most
     * requests).
     */
    private static final Hints PATH_HINTS = needsOf(Scope.PATH, Scope.ANYWHERE);
    /** The same for QUERY probes (SQL injection, XSS, remote file inclusion), in a target's query. */
    private static final Hints QUERY_HINTS = needsOf(Scope.QUERY);
    /** The same for headers, where only ANYWHERE probes (Log4j, traversal, system files, ThinkPHP, markup) are. */
    private static final Hints HEADER_HINTS = needsOf(Scope.ANYWHERE);

    /** All the needs of the probes of these scopes, looked for together. */
    private static Hints needsOf(Scope... scopes) {
        List<Scope> in = List.of(scopes);
        return new Hints(BUILT_IN.stream()
                .filter(p -> in.contains(p.scope()))
                .flatMap(p -> p.needs().all().stream())
                .distinct()
                .toArray(String[]::new));
    }

    /** The first probe this request matches, or null; paths under {@code allowPaths} are not checked. */
    static Match match(HttpHit h, List<String> allowPaths) {
        return match(h, allowPaths, null);
    }

    /**
     * As {@link #match(HttpHit, List)}, remembering in {@code memo} (if not null; always used with the
     * same {@code allowPaths}) what each target and header matched, so repeated strings skip the work.
     * The answer is the one of trying each probe in list order against the target, then the user agent,
     * then the referrer: the field whose first matching probe comes earliest wins, the target on a tie.
     */
    static Match match(HttpHit h, List<String> allowPaths, ProbeMemo memo) {
        FieldMatch t = memo != null ? memo.target(h.target(), allowPaths) : target(h.target(), allowPaths);
        FieldMatch best = t;
        int ua = memo != null ? memo.header(h.userAgent()) : headerProbe(h.userAgent());
        if (ua < best.index()) {
            best = new FieldMatch(ua, "user agent");
        }
        if (!h.referer().equals("-")) {
            int ref = memo != null ? memo.header(h.referer()) : headerProbe(h.referer());
            if (ref < best.index()) {
                best = new FieldMatch(ref, "referrer");
            }
        }
        return best.index() == NONE ? null : new Match(BUILT_IN.get(best.index()), best.field());
    }

    /** No probe: a list index past every probe. */
    static final int NONE = Integer.MAX_VALUE;

    /** The index of the first probe matching one field, and the field's name for the evidence. */
    record FieldMatch(int index, String field) {
        static final FieldMatch QUIET = new FieldMatch(NONE, "");
    }

    /** The first probe (in list order) that a request target matches, in its path, query or whole. */
    static FieldMatch target(String raw, List<String> allowPaths) {
        String target = UrlText.normalise(raw);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        boolean allowed = isAllowed(path, allowPaths);
        boolean pathHint = !allowed && PATH_HINTS.in(target);
        boolean queryHint = !allowed && !query.isEmpty() && QUERY_HINTS.in(query);
        if (!pathHint && !queryHint) {
            return FieldMatch.QUIET;
        }
        for (int i = 0; i < BUILT_IN.size(); i++) {
            Probe p = BUILT_IN.get(i);
            switch (p.scope()) {
                case PATH -> {
                    if (pathHint && p.find(path)) {
                        return new FieldMatch(i, "path");
                    }
                }
                case QUERY -> {
                    if (queryHint && p.find(query)) {
                        return new FieldMatch(i, "query");
                    }
                }
                case ANYWHERE -> {
                    if (pathHint && p.find(target)) {
                        return new FieldMatch(i, q < 0 ? "path" : "target");
                    }
                }
            }
        }
        return FieldMatch.QUIET;
    }

    /** The index of the first header probe (Log4j, traversal, ...) a header value matches, or {@link #NONE}. */
    static int headerProbe(String raw) {
        String n = header(raw);
        if (n.isEmpty()) {
            return NONE;
        }
        for (int i = 0; i < BUILT_IN.size(); i++) {
            Probe p = BUILT_IN.get(i);
            if (p.scope() == Scope.ANYWHERE && p.find(n)) {
                return i;
            }
        }
        return NONE;
    }

    /**
     * A header normalised for matching, or "" when it holds nothing a header probe could match: first, no
     * character that each of their matches holds at least one of (the dollar sign of a Log4j lookup, a
     * dot, a slash, a colon, an angle bracket, a parenthesis, the equals sign of onload=, the k of
     * think; the percent sign of the escaped forms), then none of their needs once decoded.
     */
    private static String header(String raw) {
        if (raw.isEmpty()
                || (raw.indexOf('$') < 0
                        && raw.indexOf('=') < 0
                        && raw.indexOf('%') < 0
                        && raw.indexOf('<') < 0
                        && raw.indexOf(':') < 0
                        && raw.indexOf('(') < 0
                        && raw.indexOf('.') < 0
                        && raw.indexOf('/') < 0
                        && raw.indexOf('k') < 0
                        && raw.indexOf('K') < 0)) {
            return "";
        }
        String n = UrlText.normalise(raw);
        return HEADER_HINTS.in(n) ? n : "";
    }

    /**
     * ASCII substrings looked for together, in one pass over the text: at each character, only the hints
     * starting with it and the next one are compared (a {@code contains} per hint was a pass per hint,
     * 22 for a path: on targets that never repeat, such as cache busters, 1.67 µs per target became
     * 0.73 µs under C1, with the probes' own needs).
     */
    static final class Hints {
        private static final int PAIRS = 1024;
        /** The hints one character long, by it. */
        private final boolean[] single = new boolean[128];
        /** The longer hints, by a hash of their first two characters. */
        private final String[][] byPair = new String[PAIRS][];

        private final List<String> all;

        Hints(String... hints) {
            all = List.of(hints);
            for (String h : hints) {
                if (h.isEmpty() || !h.chars().allMatch(c -> c < 128)) {
                    throw new IllegalArgumentException("a hint is ASCII and not empty: " + h);
                }
                if (h.length() == 1) {
                    single[h.charAt(0)] = true;
                    continue;
                }
                int k = pair(h.charAt(0), h.charAt(1));
                String[] was = byPair[k];
                String[] now = was == null ? new String[1] : java.util.Arrays.copyOf(was, was.length + 1);
                now[now.length - 1] = h;
                byPair[k] = now;
            }
        }

        private static int pair(char a, char b) {
            return (a * 31 + b) & (PAIRS - 1);
        }

        List<String> all() {
            return all;
        }

        /** Whether {@code s} contains one of the hints. */
        boolean in(String s) {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 128) {
                    continue;
                }
                if (single[c]) {
                    return true;
                }
                if (i + 1 < n) {
                    String[] from = byPair[pair(c, s.charAt(i + 1))];
                    if (from != null) {
                        for (String h : from) {
                            if (s.startsWith(h, i)) {
                                return true;
                            }
                        }
                    }
                }
            }
            return false;
        }
    }

    private static boolean isAllowed(String path, List<String> allowPaths) {
        for (int i = 0; i < allowPaths.size(); i++) {
            if (path.startsWith(allowPaths.get(i).toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
