package dev.nethergaze.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What each replay recorded into a history file, input by input ({@code replay_spans}): its content's
 * length, digest and lines, and the replay's time window. A replay of content already recorded is
 * told from new content by them: the same log again is not recorded again; a log that grew since
 * (an earlier span is a prefix of it) records only what the earlier sessions do not hold; an overlap
 * that cannot be told apart is refused with the reason.
 */
final class ReplaySpans {

    /** A span an earlier replay recorded, with its session's times (epoch ms). */
    record Earlier(
            long session,
            String source,
            long length,
            String digest,
            long lines,
            Long from,
            Long until,
            long started,
            long ended,
            long recorded) {

        boolean identified() {
            return digest != null;
        }
    }

    /** An input of this replay: its content's fingerprint (null: cannot be read again) and the window. */
    record Current(String name, Fingerprint print, Long from, Long until) {}

    /** What to do with this replay. */
    sealed interface Plan {}

    /** Nothing of it was recorded before. */
    record Fresh() implements Plan {}

    /** All of it was: {@code message} says where. */
    record Already(String message) implements Plan {}

    /** Part of it was, by {@code sessions}: record what they do not hold; {@code message} says so. */
    record Subtract(Set<Long> sessions, String message) implements Plan {}

    /** Part of it was, in a way that cannot be told apart: not recorded, {@code message} says why. */
    record Refuse(String message) implements Plan {}

    private ReplaySpans() {}

    static List<Earlier> load(Connection c) throws SQLException {
        List<Earlier> out = new ArrayList<>();
        try (var st = c.createStatement();
                var rs = st.executeQuery("""
                    SELECT r.session_id, r.source, r.length, r.digest, r.lines, r.window_from, r.window_until,
                      s.started, s.ended, s.recorded
                    FROM replay_spans r JOIN sessions s ON s.id = r.session_id ORDER BY r.session_id""")) {
            while (rs.next()) {
                out.add(new Earlier(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getLong(5),
                        nullable(rs, 6),
                        nullable(rs, 7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10)));
            }
        }
        return out;
    }

    private static Long nullable(java.sql.ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Reads each input once, as far as the replay read it, taking the digest at every length an
     * earlier span has. An input that cannot be read again (standard input) has no fingerprint; one
     * that cannot be opened (the replay left it out), is empty or of which the replay read nothing gave
     * no event and is no span.
     */
    static List<Current> fingerprint(List<ReplaySource> sources, List<Earlier> earlier, Instant from, Instant until) {
        NavigableSet<Long> lengths = new TreeSet<>();
        earlier.stream().filter(Earlier::identified).forEach(e -> lengths.add(e.length()));
        Map<String, Current> out = new LinkedHashMap<>();
        for (ReplaySource s : sources) {
            Fingerprint print = null;
            if (s.content() != null) {
                try (InputStream in = s.content().open()) {
                    print = Fingerprint.of(in, lengths, s.read() == ReplaySource.WHOLE ? Long.MAX_VALUE : s.read());
                } catch (IOException | UncheckedIOException e) {
                    continue;
                }
                if (print.length() == 0) {
                    continue;
                }
            }
            Current c = new Current(s.name(), print, millis(from), millis(until));
            // the same content named twice was read once: one span
            out.putIfAbsent(print == null ? "\0" + s.name() : print.digest(), c);
        }
        return List.copyOf(out.values());
    }

    /** What to do with a replay of {@code current}, given what earlier replays recorded. */
    static Plan plan(List<Current> current, List<Earlier> earlier) {
        Map<Long, List<Earlier>> bySession = new LinkedHashMap<>();
        earlier.forEach(e ->
                bySession.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e));
        Set<Long> overlapping = new LinkedHashSet<>();
        Map<Current, Earlier> coveredBy = new LinkedHashMap<>();
        boolean grew = true;
        for (Current c : current) {
            for (Earlier e : earlier) {
                if (!related(e, c)) {
                    continue;
                }
                overlapping.add(e.session());
                if (covers(e, c)) {
                    coveredBy.putIfAbsent(c, e);
                }
                grew &= e.length() < c.print().length() && sameWindow(e, c);
            }
        }
        if (overlapping.isEmpty()) {
            return new Fresh();
        }
        String names = names(current);
        if (coveredBy.size() == current.size()) {
            Set<Long> by = new LinkedHashSet<>();
            coveredBy.values().forEach(e -> by.add(e.session()));
            Earlier first = coveredBy.values().iterator().next();
            return new Already(names + " already recorded in " + sessions(by) + " (" + describe(first, current)
                    + "): not recorded again");
        }
        for (long session : overlapping) {
            for (Earlier e : bySession.get(session)) {
                String why = notWithin(e, current);
                if (why != null) {
                    return new Refuse(names + " overlaps session " + session + ", " + why
                            + ": what is already recorded cannot be told apart (replay the same files as then,"
                            + " or record into another history file)");
                }
            }
        }
        Earlier first = bySession.get(overlapping.iterator().next()).getFirst();
        String message = grew
                ? names + " grew since " + sessions(overlapping) + " recorded it (" + describe(first, current)
                        + "): only what is new was recorded"
                : names + " overlaps what " + sessions(overlapping) + " recorded (" + describe(first, current)
                        + "): only what is new was recorded";
        return new Subtract(overlapping, message);
    }

    /** Why the events of {@code e} are not all among this replay's, or null when they are. */
    private static String notWithin(Earlier e, List<Current> current) {
        if (!e.identified()) {
            return "which also read " + e.source() + " (standard input cannot be recognised)";
        }
        boolean sameContent = false;
        for (Current c : current) {
            if (prefix(e, c)) {
                sameContent = true;
                if (within(e.from(), e.until(), c.from(), c.until())) {
                    return null;
                }
            }
        }
        return sameContent
                ? "recorded with a time window (--from/--until) that this replay's does not hold"
                : "which also holds " + e.source();
    }

    /** Whether {@code e} recorded some of the events of {@code c}: a prefix of its content, in windows that meet. */
    private static boolean related(Earlier e, Current c) {
        return prefix(e, c) && !disjoint(e.from(), e.until(), c.from(), c.until());
    }

    private static boolean prefix(Earlier e, Current c) {
        return e.identified()
                && c.print() != null
                && e.length() <= c.print().length()
                && e.digest().equals(c.print().prefix(e.length()));
    }

    /** Whether {@code e} holds all of {@code c}: the same content, in a window holding this one. */
    private static boolean covers(Earlier e, Current c) {
        return e.length() == c.print().length() && within(c.from(), c.until(), e.from(), e.until());
    }

    private static boolean sameWindow(Earlier e, Current c) {
        return java.util.Objects.equals(e.from(), c.from()) && java.util.Objects.equals(e.until(), c.until());
    }

    /** Whether the window [from, until) lies in [outerFrom, outerUntil) (null: open). */
    private static boolean within(Long from, Long until, Long outerFrom, Long outerUntil) {
        return (outerFrom == null || (from != null && from >= outerFrom))
                && (outerUntil == null || (until != null && until <= outerUntil));
    }

    private static boolean disjoint(Long aFrom, Long aUntil, Long bFrom, Long bUntil) {
        return (aUntil != null && bFrom != null && aUntil <= bFrom)
                || (bUntil != null && aFrom != null && bUntil <= aFrom);
    }

    private static String names(List<Current> current) {
        List<String> n = current.stream().map(Current::name).toList();
        return n.size() <= 3
                ? String.join(", ", n)
                : String.join(", ", n.subList(0, 2)) + " and " + (n.size() - 2) + " more";
    }

    private static String sessions(Set<Long> ids) {
        return (ids.size() == 1 ? "session " : "sessions ")
                + ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * An earlier span as the user knows it: its lines (a capture's bytes), its session's events, when it was recorded, and
     * its name when no input of this replay has it (renamed, rotated, gzipped since).
     */
    private static String describe(Earlier e, List<Current> current) {
        boolean sameName = current.stream().anyMatch(c -> c.name().equals(e.source()));
        // a capture's newline bytes are no lines: said by its size
        boolean capture =
                current.stream().anyMatch(c -> prefix(e, c) && c.print().capture());
        String size = capture ? e.length() + " bytes of capture" : e.lines() + (e.lines() == 1 ? " line" : " lines");
        return (sameName ? "" : "as " + e.source() + ": ") + size + ", events " + instant(e.started()) + " to "
                + instant(e.ended()) + ", recorded " + instant(e.recorded());
    }

    private static String instant(long ms) {
        return Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    /** Files this replay's inputs under {@code session}. */
    static void insert(Connection c, long session, List<Current> current) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO replay_spans(session_id, source, length, digest,"
                + " lines, window_from, window_until) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Current cur : current) {
                Fingerprint p = cur.print();
                st.setLong(1, session);
                st.setString(2, cur.name());
                st.setLong(3, p == null ? 0 : p.length());
                st.setString(4, p == null ? null : p.digest());
                st.setLong(5, p == null ? 0 : p.lines());
                setNullable(st, 6, cur.from());
                setNullable(st, 7, cur.until());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void setNullable(PreparedStatement st, int i, Long v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setLong(i, v);
        }
    }
}
