package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.tail.TailEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-file entries of a followed source: bounded when files come and go, the whole still counted. */
class FollowedFilesTest {

    @Test
    void filesGoneSinceAreKeptUpToTheCapOldestNamesFirstOut() {
        FollowedFiles f = new FollowedFiles(
                "http:/logs/*.log", "http", "an access log", List.of("/logs/*.log"), 1024, StatusReporter.silent());
        int days = FollowedFiles.MAX_GONE + 36;
        Path today = null;
        for (int d = 1; d <= days; d++) { // one date-named log a day, each read once
            today = Path.of("/logs/access-2026-%03d.log".formatted(d));
            f.line(today);
            f.line(today);
            f.update(List.of(today), List.of());
        }
        f.update(
                List.of(today),
                List.of(new TailEvent(TailEvent.Kind.PERMISSION_DENIED, Path.of("/logs/z.log"), "denied")));
        List<SourceHealth> entries = f.entries();
        assertThat(entries).hasSize(FollowedFiles.MAX_GONE + 2); // the gone ones kept, today's, the denied one
        assertThat(entries.getFirst().name()).isEqualTo("http:/logs/access-2026-036.log");
        assertThat(entries.get(entries.size() - 2))
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.OK))
                .satisfies(e -> assertThat(e.lines()).isEqualTo(2));
        assertThat(entries.getLast().status()).isEqualTo(SourceStatus.PERMISSION_DENIED);
        assertThat(entries.subList(0, FollowedFiles.MAX_GONE)).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(SourceStatus.DONE);
            assertThat(e.lines()).isEqualTo(2);
        });
        assertThat(f.health().lines()).as("the whole source keeps every line").isEqualTo(2L * days);

        f.line(Path.of("/logs/access-2026-001.log")); // a dropped file written again: counted afresh
        assertThat(f.health().lines()).isEqualTo(2L * days + 1);
    }

    /**
     * A file's first lines are counted during the poll that opens it, before the poll's view says it is
     * followed: meanwhile it is followed, not done (AccessLogSourceTest saw "done" for a followed log
     * under CI's load). Done once a poll's view no longer has a file that had lines by then.
     */
    @Test
    void aFileBeingReadInTheFirstPollIsFollowedNotDone() {
        FollowedFiles f = new FollowedFiles(
                "http:/logs/*.log", "http", "an access log", List.of("/logs/*.log"), 1024, StatusReporter.silent());
        Path a = Path.of("/logs/a.log");
        f.line(a); // the first poll reads it; its view is not out yet
        assertThat(f.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.OK));
        f.update(List.of(a), List.of());
        assertThat(f.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.OK));
        f.update(List.of(), List.of()); // closed for good (rotated away, a glob's match no more)
        assertThat(f.entries())
                .filteredOn(e -> e.name().equals("http:" + a))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.DONE));
    }

    /**
     * One of two followed files goes bad while the other is read: said once on the reporter, naming
     * the file (before: nothing, the whole source being still OK), and again only after it was read
     * again and went bad anew.
     */
    @Test
    void aFileThatGoesBadIsSaidOnceWhileTheSourceReadsOn() {
        List<String> said = new java.util.ArrayList<>();
        FollowedFiles f = new FollowedFiles(
                "http:/logs/*.log",
                "http",
                "an access log",
                List.of("/logs/*.log"),
                1024,
                (source, status, detail) -> said.add(source + ": " + status.json() + ": " + detail));
        Path a = Path.of("/logs/a.log");
        Path b = Path.of("/logs/b.log");
        f.update(List.of(a, b), List.of());
        TailEvent denied = new TailEvent(TailEvent.Kind.PERMISSION_DENIED, a, a + ": permission denied");
        for (int poll = 0; poll < 3; poll++) {
            f.update(List.of(b), List.of(denied));
        }
        assertThat(f.health().status()).isEqualTo(SourceStatus.OK);
        assertThat(said)
                .containsExactly("http:/logs/*.log: permission_denied: /logs/a.log: /logs/a.log: permission denied");
        f.update(List.of(a, b), List.of());
        f.update(List.of(b), List.of(denied));
        assertThat(said).hasSize(2);
    }

    @Test
    void aFileReadInItsServersDeclaredFormatSaysSo() {
        FollowedFiles f = new FollowedFiles(
                "http:/logs/*.log", "http", "an access log", List.of("/logs/*.log"), 1024, StatusReporter.silent());
        Path shop = Path.of("/logs/shop.log");
        Path blog = Path.of("/logs/blog.log");
        f.line(shop);
        f.line(blog);
        f.readAs(shop, "read first as its server declares (log_format main in /etc/nginx/nginx.conf), then as auto");
        f.update(List.of(shop, blog), List.of());
        assertThat(f.entries())
                .extracting(SourceHealth::name, SourceHealth::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "http:/logs/shop.log",
                                "read first as its server declares (log_format main in /etc/nginx/nginx.conf), then as"
                                        + " auto"),
                        org.assertj.core.groups.Tuple.tuple("http:/logs/blog.log", ""));
    }

    /**
     * A followed file none of whose lines parses (a custom log format) is an error, not a quiet "ok",
     * on its entry and, when it is the only file, for the whole source; one good line ends that.
     */
    @Test
    void aFileWithNoRecognisedLineIsAnErrorUntilOneParses() {
        List<String> said = new java.util.ArrayList<>();
        FollowedFiles f = new FollowedFiles(
                "http:/logs/*.log", "http", "an access log", List.of("/logs/*.log"), 1024, (n, s, d) -> said.add(d));
        Path custom = Path.of("/logs/custom.log");
        Path good = Path.of("/logs/access.log");
        for (int i = 1; i <= 3; i++) {
            f.line(custom);
            f.malformed(custom, i, false);
            f.update(List.of(custom), List.of());
        }
        assertThat(f.entries().getFirst()).satisfies(e -> {
            assertThat(e.status()).isEqualTo(SourceStatus.ERROR);
            assertThat(e.detail())
                    .isEqualTo("no line recognised as an access log; 3 unparsed (first at /logs/custom.log:1)");
        });
        assertThat(f.health().status()).isEqualTo(SourceStatus.ERROR);
        assertThat(said).as("reported once, not on every poll").hasSize(1);

        f.line(good); // a second file that parses: the source works, the odd file is still named
        f.update(List.of(good, custom), List.of());
        assertThat(f.health().status()).isEqualTo(SourceStatus.OK);
        assertThat(f.health().detail()).contains("/logs/custom.log: no line recognised as an access log");

        f.line(custom); // the custom file's first good line
        f.update(List.of(good, custom), List.of());
        assertThat(f.entries())
                .filteredOn(e -> e.name().equals("http:/logs/custom.log"))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.OK));

        FollowedFiles cut = new FollowedFiles(
                "http:/logs/*.log", "http", "an access log", List.of("/logs/*.log"), 1024, StatusReporter.silent());
        cut.line(custom);
        cut.malformed(custom, 1, true); // too long, not unknown
        cut.update(List.of(custom), List.of());
        assertThat(cut.health().status()).isEqualTo(SourceStatus.OK);
    }

    /**
     * A path or glob a user named that matches nothing, beside one that is read (a typo), is its own
     * {@code missing} entry, in the whole source's detail, and said once on the reporter; the defaults'
     * absent ones are not. Before: no entry, nothing said, the source all OK (tester report T, B3).
     */
    @Test
    void aNamedPathMatchingNothingBesideAReadOneIsSaidTheDefaultsAreNot() {
        List<String> said = new java.util.ArrayList<>();
        StatusReporter reporter = (source, status, detail) -> said.add(source + ": " + status.json() + ": " + detail);
        FollowedFiles f = new FollowedFiles(
                "http:/logs/ok.log,/logs/typo.log,/gone/*.log",
                "http",
                "an access log",
                List.of("/logs/ok.log", "/logs/typo.log", "/gone/*.log"),
                1024,
                reporter);
        Path ok = Path.of("/logs/ok.log");
        Path typo = Path.of("/logs/typo.log");
        for (int poll = 0; poll < 3; poll++) { // the tailer says the literal path is missing at every poll
            f.update(List.of(ok), List.of(new TailEvent(TailEvent.Kind.MISSING, typo, "waiting for it to appear")));
        }
        assertThat(f.entries())
                .extracting(e -> e.name() + " " + e.status().json() + " " + e.detail())
                .containsExactly(
                        "http:/gone/*.log missing no file matches; watching",
                        "http:/logs/ok.log ok ",
                        "http:/logs/typo.log missing no such file; watching");
        assertThat(f.health().status()).isEqualTo(SourceStatus.OK);
        assertThat(f.health().detail()).contains("/logs/typo.log: no such file; watching");
        assertThat(said)
                .containsExactlyInAnyOrder(
                        "http:/logs/ok.log,/logs/typo.log,/gone/*.log: missing: /gone/*.log: no file matches; watching",
                        "http:/logs/ok.log,/logs/typo.log,/gone/*.log: missing: /logs/typo.log: no such file; watching");

        f.update(List.of(ok, typo, Path.of("/gone/a.log")), List.of()); // they appear: read, nothing missing
        assertThat(f.entries()).extracting(SourceHealth::status).containsOnly(SourceStatus.OK);

        List<String> quiet = new java.util.ArrayList<>();
        FollowedFiles defaults = new FollowedFiles(
                "auth:" + DefaultLogs.AUTH,
                "auth",
                "an auth log",
                List.of(DefaultLogs.AUTH.split(",")),
                1024,
                (source, status, detail) -> quiet.add(detail));
        Path secure = Path.of("/var/log/secure");
        defaults.update(
                List.of(Path.of("/var/log/auth.log")),
                List.of(new TailEvent(TailEvent.Kind.MISSING, secure, "waiting for it to appear")));
        assertThat(defaults.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.OK));
        assertThat(quiet).isEmpty();
    }
}
