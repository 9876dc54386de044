package dev.nethergaze.enrich.geo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * {@code geo update}: downloads the DB-IP Lite City and ASN databases of the current month (or of
 * up to three months before, when the current one is not published yet), decompresses them,
 * checks that each opens as an MMDB of the expected type with a plausible build date, that its whole
 * search tree fits its metadata and points inside the file ({@link GeoDatabase#verifyTree}), and
 * that networks and addresses spread over the space decode ({@link GeoDatabase#verify}), and only
 * then renames it over the installed file in the data folder (atomically where the file system can). A failed or
 * corrupt download leaves the installed file untouched.
 */
public final class GeoUpdater {

    /** The licence line DB-IP Lite data must carry wherever it is shown. */
    public static final String ATTRIBUTION = "IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0";

    /** How many earlier months are tried after the current one. */
    static final int FALLBACK_MONTHS = 3;

    private static final long MAX_BYTES = 2L << 30;

    /** The files installed, with the names {@link dev.nethergaze.enrich.GeoPaths} searches for. */
    public enum Product {
        CITY("dbip-city-lite", GeoDatabase.Layout.CITY),
        ASN("dbip-asn-lite", GeoDatabase.Layout.ASN);

        private final String stem;
        private final GeoDatabase.Layout layout;

        Product(String stem, GeoDatabase.Layout layout) {
            this.stem = stem;
            this.layout = layout;
        }

        /** The remote name for one month, e.g. {@code dbip-city-lite-2026-11.mmdb.gz}. */
        public String remoteName(YearMonth month) {
            return stem + "-" + month + ".mmdb.gz";
        }

        /** The installed name, e.g. {@code dbip-city-lite.mmdb}. */
        public String fileName() {
            return stem + ".mmdb";
        }
    }

    /** One database put in place. */
    public record Installed(Product product, Path file, String databaseType, LocalDate buildDate, URI source) {}

    private final URI base;
    private final Path dataDir;
    private final InstantSource clock;
    private final Duration connectTimeout;
    private final Duration headersTimeout;

    /**
     * @param base the folder URL the files are under, e.g. {@code https://download.db-ip.com/free/}
     * @param dataDir where the databases are installed ({@code $XDG_DATA_HOME/nethergaze})
     */
    public GeoUpdater(URI base, Path dataDir, InstantSource clock, Duration connectTimeout, Duration headersTimeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.dataDir = dataDir;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.headersTimeout = headersTimeout;
    }

    /** Checks a base URL from the configuration or the command line; throws with a one-line message. */
    public static URI baseUrl(String text) {
        try {
            URI u = new URI(text.strip());
            if ((!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("geoip.update_url must be an http(s) URL, got \"" + text + "\"");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("geoip.update_url is not a URL: \"" + text + "\"", e);
        }
    }

    /** Downloads, checks and installs one product. */
    public Installed update(Product p) throws GeoUpdateException, InterruptedException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new GeoUpdateException("cannot create " + dataDir + " (" + why(e) + ")", e);
        }
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        Path target = dataDir.resolve(p.fileName());
        try (GzipDownload download = new GzipDownload(connectTimeout, headersTimeout, MAX_BYTES)) {
            for (int back = 0; back <= FALLBACK_MONTHS; back++) {
                URI uri = base.resolve(p.remoteName(month.minusMonths(back)));
                Path tmp = temp(p);
                try {
                    download.fetch(uri, tmp);
                    Installed done = verify(p, tmp, uri);
                    readableByAll(tmp);
                    move(tmp, target);
                    return done;
                } catch (GzipDownload.NotFound e) {
                    // not published (yet): try the month before
                } catch (GeoUpdateException e) {
                    throw unchanged(e, tmp, target);
                } finally {
                    deleteQuietly(tmp);
                }
            }
        }
        throw new GeoUpdateException("no " + p.stem + " file for " + month + " or the " + FALLBACK_MONTHS
                + " months before under " + base + "; " + leftAsIs(target));
    }

    /** What a failed update did to {@code target}: "FILE unchanged", or "FILE not installed" when there was none. */
    private static String leftAsIs(Path target) {
        return target + (Files.exists(target) ? " unchanged" : " not installed");
    }

    /**
     * The failure as the user can act on it: the source URL and the installed file left as it was, not
     * the temporary file the download was checked in (gone by the time the message is read).
     */
    private static GeoUpdateException unchanged(GeoUpdateException e, Path tmp, Path target) {
        String msg = e.getMessage().replace(tmp + ": ", "").replace(tmp.toString(), "the download");
        return new GeoUpdateException(msg + "; " + leftAsIs(target), e);
    }

    /** Why a file operation failed: the reason, not the file's name again (what most such messages hold). */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                ? f.getReason()
                : GeoDatabase.reason(e);
    }

    private Installed verify(Product p, Path file, URI source) throws GeoUpdateException {
        try (GeoDatabase db = GeoDatabase.open(file)) {
            if (db.layout() != p.layout) {
                throw new GeoUpdateException(source + ": expected " + (p == Product.CITY ? "a city" : "an ASN")
                        + " database, got \"" + db.type() + "\"");
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (db.buildDate().isAfter(today.plusDays(2)) || db.buildDate().getYear() < 2000) {
                throw new GeoUpdateException(source + ": implausible build date " + db.buildDate());
            }
            db.verifyTree(); // every node of the search tree points inside the file
            db.verify(); // networks walked and addresses looked up through the tree and the data section
            return new Installed(p, dataDir.resolve(p.fileName()), db.type(), db.buildDate(), source);
        } catch (GeoDbException e) {
            // the database's own message names the file checked (temporary): what is wrong is said of the source
            String why = e.why();
            throw new GeoUpdateException(source + ": downloaded file is not a usable database (" + why + ")", e);
        } catch (IOException e) {
            throw new GeoUpdateException(source + ": " + GeoDatabase.reason(e), e);
        }
    }

    private Path temp(Product p) throws GeoUpdateException {
        try {
            return Files.createTempFile(dataDir, "." + p.stem + "-", ".tmp");
        } catch (IOException e) {
            throw new GeoUpdateException("cannot write in " + dataDir + " (" + why(e) + ")", e);
        }
    }

    /**
     * rw-r--r--, as geoipupdate installs: the temporary file is created 0600, and a database installed so
     * by root (the systemd unit) was unreadable to the console run by any other user.
     */
    private static void readableByAll(Path file) throws GeoUpdateException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX permissions: readable as its mount says
        } catch (IOException e) {
            throw new GeoUpdateException("cannot make the download readable (" + why(e) + ")", e);
        }
    }

    private static void move(Path tmp, Path target) throws GeoUpdateException {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new GeoUpdateException("cannot install " + target + " (" + why(e) + ")", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray temp file in the data folder is harmless and named as one
        }
    }
}
