package dev.nethergaze.source.httplog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The format each access log is written in, as the web server's own configuration declares it: nginx
 * ({@code access_log PATH NAME;} with {@code log_format NAME '...';}, following {@code include}) and
 * Apache ({@code CustomLog PATH NICKNAME} with {@code LogFormat "..." NICKNAME}, following {@code
 * Include}/{@code IncludeOptional}, {@code ${APACHE_LOG_DIR}} as Debian's envvars set it). Read, never
 * run: no {@code nginx -T}, no {@code apachectl}. What cannot be read (a missing file, a path built
 * from variables) is left out. For {@code doctor}: when a log's lines do not parse, it names the
 * {@code --log-format} its server says it writes.
 */
public final class ServerLogFormats {

    /** A log's declared format: the {@code --log-format} value, and where the declaration is. */
    public record Declared(String option, String where) {}

    private static final int MAX_FILES = 500;
    /** Stands for a {@code log_format ... escape=json} one among the nginx formats. */
    private static final String JSON = "\0json";

    private final Path root;
    /** Filled once, by the first question ({@link #read()}), and not changed after. */
    private final Map<Path, Declared> byLog = new LinkedHashMap<>();

    private int files;
    private volatile boolean read;

    private ServerLogFormats(Path root) {
        this.root = root;
    }

    /**
     * The nginx and Apache configurations under {@code root} (/ on a host; a folder in tests), read
     * when first asked about a log: a run that reads no access log (an auth log's replay, a snapshot
     * without logs) never reads them (on a host with both servers, ~15 % of a one-line replay's
     * start-up; bench/RESULTS-logs.md). Thread-safe: a replay's files ask from their own threads.
     */
    public static ServerLogFormats read(Path root) {
        return new ServerLogFormats(root);
    }

    private void read() {
        if (read) {
            return;
        }
        synchronized (this) {
            if (read) {
                return;
            }
            // best effort, each server apart: a configuration this reader trips over declares nothing,
            // and the logs are read as auto reads them (it must never stop a run)
            try {
                nginx();
            } catch (RuntimeException e) {
                // nginx's declarations left out; Apache's still read
            }
            try {
                apache(Path.of("/etc/apache2"), Path.of("/etc/apache2/apache2.conf"));
                apache(Path.of("/etc/httpd"), Path.of("/etc/httpd/conf/httpd.conf"));
            } catch (RuntimeException e) {
                // Apache's declarations left out
            }
            read = true;
        }
    }

    /**
     * The format {@code log} is declared in, if a configuration names it, or names the log a rotated
     * file was ({@code access.log.1}, {@code access.log.2.gz}, {@code access.log-20251010.gz}).
     */
    public java.util.Optional<Declared> forLog(Path log) {
        read();
        if (byLog.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path p = log.toAbsolutePath().normalize();
        Declared d = byLog.get(p);
        if (d == null && p.getFileName() != null) {
            String rotated = ROTATED.matcher(p.getFileName().toString()).replaceFirst("");
            d = byLog.get(p.resolveSibling(rotated));
        }
        return java.util.Optional.ofNullable(d);
    }

    /**
     * The name of the built-in format a declared one is (Apache's stock LogFormats, nginx's {@code
     * main} of its default configuration): read as {@code auto} reads it; else the option unchanged.
     */
    static String stock(String option) {
        return STOCK.getOrDefault(option.replaceAll("\\s+", " ").strip(), option);
    }

    private static final Map<String, String> STOCK = Map.of(
            "apache:%h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"",
            "combined",
            "apache:%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"",
            "combined",
            "apache:%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"",
            "vhost_combined",
            "apache:%h %l %u %t \"%r\" %>s %O",
            "common",
            "apache:%h %l %u %t \"%r\" %>s %b",
            "common",
            "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\""
                    + " \"$http_user_agent\" \"$http_x_forwarded_for\"",
            "main");

    /** What logrotate appends to a log's name. */
    private static final java.util.regex.Pattern ROTATED =
            java.util.regex.Pattern.compile("(\\.\\d+|-\\d{8}(\\d{2})?)?(\\.gz)?$");

    /** Every log a configuration names, with its format. */
    public Map<Path, Declared> all() {
        read();
        return java.util.Collections.unmodifiableMap(byLog);
    }

    // ---- nginx

    private void nginx() {
        Path main = Path.of("/etc/nginx/nginx.conf");
        List<String> tokens = new ArrayList<>();
        Map<String, String> where = new HashMap<>();
        nginxTokens(main, tokens, where, 0);
        Map<String, String> formats = new HashMap<>();
        List<String[]> logs = new ArrayList<>();
        List<String> statement = new ArrayList<>();
        for (String t : tokens) {
            if (t.equals(";") || t.equals("{") || t.equals("}")) {
                if (!statement.isEmpty()) {
                    String d = statement.getFirst();
                    if (d.equals("log_format") && statement.size() >= 3) {
                        boolean json = statement.get(2).equals("escape=json");
                        int from = statement.get(2).startsWith("escape=") ? 3 : 2;
                        // a JSON format is read by its keys (the json reader), whatever their order
                        formats.put(
                                statement.get(1),
                                json ? JSON : String.join("", statement.subList(from, statement.size())));
                    } else if (d.equals("access_log")
                            && statement.size() >= 2
                            && !statement.get(1).equals("off")) {
                        String name = statement.size() >= 3 && !statement.get(2).contains("=")
                                ? statement.get(2)
                                : "combined";
                        logs.add(new String[] {statement.get(1), name});
                    }
                }
                statement.clear();
            } else {
                statement.add(t);
            }
        }
        for (String[] l : logs) {
            if (l[0].contains("$") || l[0].startsWith("syslog:")) {
                continue; // a path built per request, or not a file
            }
            Path log = resolve(Path.of("/etc/nginx"), l[0]);
            if (log == null) {
                continue;
            }
            if (l[1].equals("combined")) {
                byLog.putIfAbsent(log, new Declared("combined", "nginx's predefined combined format"));
            } else if (formats.containsKey(l[1])) {
                String f = formats.get(l[1]);
                byLog.putIfAbsent(
                        log,
                        new Declared(
                                f.equals(JSON) ? "json" : stock("nginx:" + f),
                                "log_format " + l[1] + " in " + where.getOrDefault(l[1], "the nginx configuration")));
            }
        }
    }

    /** The tokens of an nginx file and of the files it includes (quotes resolved, ';' '{' '}' apart). */
    private void nginxTokens(Path file, List<String> out, Map<String, String> where, int depth) {
        String text = readText(file);
        if (text == null || depth > 8) {
            return;
        }
        List<String> own = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ';' || c == '{' || c == '}') {
                own.add(String.valueOf(c));
                i++;
            } else if (c == '\'' || c == '"') {
                i = quoted(text, i, own);
            } else {
                int s = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && ";{}".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                own.add(text.substring(s, i));
            }
        }
        for (int k = 0; k < own.size(); k++) {
            if (own.get(k).equals("include")
                    && k + 2 < own.size()
                    && own.get(k + 2).equals(";")) {
                for (Path p : glob(Path.of("/etc/nginx").resolve(own.get(k + 1)))) {
                    nginxTokens(p, out, where, depth + 1);
                }
                k += 2;
                continue;
            }
            if (own.get(k).equals("log_format") && k + 1 < own.size()) {
                where.putIfAbsent(own.get(k + 1), file.toString());
            }
            out.add(own.get(k));
        }
    }

    // ---- Apache

    private void apache(Path serverRoot, Path main) {
        Map<String, String> formats = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        List<String[]> logs = new ArrayList<>();
        apacheFile(serverRoot, main, formats, where, logs, 0);
        for (String[] l : logs) {
            String path = l[0].replace("${APACHE_LOG_DIR}", "/var/log/apache2");
            if (path.startsWith("|") || path.contains("${")) {
                continue; // a piped logger, or a variable we do not know
            }
            Path log = resolve(serverRoot, path);
            if (log == null) {
                continue;
            }
            String spec = l[1];
            if (formats.containsKey(spec)) {
                byLog.putIfAbsent(
                        log,
                        new Declared(
                                stock("apache:" + formats.get(spec)), "LogFormat " + spec + " in " + where.get(spec)));
            } else if (spec.contains("%")) { // CustomLog path "format"
                byLog.putIfAbsent(log, new Declared(stock("apache:" + spec), "CustomLog in " + main));
            }
        }
    }

    private void apacheFile(
            Path serverRoot,
            Path file,
            Map<String, String> formats,
            Map<String, String> where,
            List<String[]> logs,
            int depth) {
        String text = readText(file);
        if (text == null || depth > 8) {
            return;
        }
        for (String line : text.split("\n")) {
            List<String> w = apacheWords(line.strip());
            if (w.isEmpty()) {
                continue;
            }
            String d = w.getFirst().toLowerCase(java.util.Locale.ROOT);
            switch (d) {
                case "include", "includeoptional" -> {
                    if (w.size() >= 2) {
                        for (Path p : glob(serverRoot.resolve(w.get(1)))) {
                            apacheFile(serverRoot, p, formats, where, logs, depth + 1);
                        }
                    }
                }
                case "logformat" -> {
                    if (w.size() >= 2) {
                        String nick = w.size() >= 3 ? w.get(2) : "%default%";
                        formats.put(nick, w.get(1));
                        where.put(nick, file.toString());
                    }
                }
                case "customlog", "transferlog" -> {
                    if (w.size() >= 2) {
                        logs.add(new String[] {w.get(1), w.size() >= 3 ? w.get(2) : "%default%"});
                    }
                }
                default -> {
                    // not about logs
                }
            }
        }
    }

    /** Apache's words: space-separated, a double-quoted one with its backslash escapes resolved. */
    private static List<String> apacheWords(String line) {
        List<String> out = new ArrayList<>();
        if (line.isEmpty() || line.startsWith("#")) {
            return out;
        }
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                i = quoted(line, i, out);
            } else {
                int s = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                out.add(line.substring(s, i));
            }
        }
        return out;
    }

    /**
     * Reads the quoted string that starts at {@code at} (its quote character, single or double, ends
     * it; a backslash takes the next character as it is) into {@code out}; returns where it ends.
     */
    private static int quoted(String text, int at, List<String> out) {
        char q = text.charAt(at);
        StringBuilder b = new StringBuilder();
        int i = at + 1;
        while (i < text.length() && text.charAt(i) != q) {
            if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                i++;
            }
            b.append(text.charAt(i++));
        }
        out.add(b.toString());
        return i + 1;
    }

    // ---- files

    /** {@code path} (absolute, or relative to {@code base}) normalized; null when it is no path at all. */
    private static Path resolve(Path base, String path) {
        try {
            return base.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The file at {@code p} (a host path) under the root, or null when it cannot be read. */
    private String readText(Path p) {
        if (++files > MAX_FILES) {
            return null;
        }
        try {
            return Files.readString(under(p), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null; // missing or unreadable: nothing declared there
        }
    }

    /** The files a path with a {@code *} in its last part names (host paths), in name order. */
    private List<Path> glob(Path pattern) {
        Path dir = pattern.getParent();
        String name = pattern.getFileName() == null ? "" : pattern.getFileName().toString();
        if (dir == null || (!name.contains("*") && !name.contains("?"))) {
            return List.of(pattern);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(under(dir), name)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(dir.resolve(p.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // no such folder: nothing included
        }
        out.sort(null);
        return out;
    }

    private Path under(Path hostPath) {
        return root.resolve(Path.of("/").relativize(hostPath.toAbsolutePath()));
    }
}
