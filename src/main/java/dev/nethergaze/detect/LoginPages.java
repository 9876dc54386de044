package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What counts as a web login attempt: a POST to a login page (WordPress, its XML-RPC endpoint, Drupal,
 * GitLab, Java EE form login, Plone, and the usual {@code /login}, {@code /signin} paths, plus the configured
 * {@code detect.http.login_paths}), or any request answered 401 (HTTP basic or digest authentication
 * refused, as fail2ban's nginx-http-auth and apache-auth jails count). A page is matched on the path's
 * end, case-insensitively, with or without a trailing slash, the query ignored: {@code /blog/wp-login.php}
 * and {@code /Login/?next=/} are login pages; {@code /login-help} is not.
 */
final class LoginPages {

    /** The label of a request answered 401. */
    static final String REFUSED = "401 answer";

    /**
     * @param formAgain the application answers a wrong password with the login form again (200) and a
     *     right one with a redirect, so a 200 is a failure (unknown pages: a 200 may be a JSON login)
     */
    private record Page(String suffix, String name, boolean formAgain) {
        Page(String suffix, String name) {
            this(suffix, name, false);
        }
    }

    private static final List<Page> BUILT_IN = List.of(
            new Page("/wp-login.php", "WordPress login", true),
            new Page("/xmlrpc.php", "WordPress XML-RPC", true), // a fault in a 200 either way; bots use it
            new Page("/user/login", "Drupal login", true),
            new Page("/users/sign_in", "GitLab sign-in", true),
            new Page("/j_security_check", "Java EE form login"),
            new Page("/login_form", "Plone login", true),
            new Page("/login", "login page"),
            new Page("/login.php", "login page"),
            new Page("/signin", "login page"),
            new Page("/sign_in", "login page"),
            new Page("/sign-in", "login page"),
            new Page("/auth/login", "login page"),
            new Page("/account/login", "login page"));

    private final Page[] pages;

    /** @param extra more path ends that are login pages on this server ({@code /api/v1/token}) */
    LoginPages(List<String> extra) {
        List<Page> all = new ArrayList<>(BUILT_IN);
        for (String e : extra) {
            String s = normal(e.startsWith("/") ? e : "/" + e);
            if (s.length() > 1) {
                all.add(new Page(s, "login page"));
            }
        }
        pages = all.toArray(Page[]::new);
    }

    /** What makes {@code h} a login attempt ("WordPress login", "401 answer"), or null when it is not one. */
    String attempt(HttpHit h) {
        if (h.status() == 401) {
            return REFUSED;
        }
        Page p = page(h);
        return p == null ? null : p.name();
    }

    /** How a POST to a login page went, by its answer. */
    enum Outcome {
        /** Not a POST to a login page, or an answer that says nothing of the password (404, 500). */
        NONE,
        /** Refused (401), throttled (429), or the form again (200) where that means a wrong password. */
        FAILED,
        /** A redirect: where a right password sends the user. */
        SUCCEEDED
    }

    Outcome outcome(HttpHit h) {
        Page p = page(h);
        int s = h.status();
        if (p == null) {
            return Outcome.NONE;
        } else if (s >= 300 && s <= 399) {
            return Outcome.SUCCEEDED;
        } else if (s == 401 || s == 429 || (s == 200 && p.formAgain())) {
            return Outcome.FAILED;
        }
        return Outcome.NONE;
    }

    /** The login page a POST went to, or null. */
    private Page page(HttpHit h) {
        if (!"POST".equals(h.method())) {
            return null;
        }
        String target = h.target();
        int end = target.length();
        for (int i = 0; i < end; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        if (end > 1 && target.charAt(end - 1) == '/') {
            end--;
        }
        for (Page p : pages) {
            String s = p.suffix();
            if (end >= s.length() && target.regionMatches(true, end - s.length(), s, 0, s.length())) {
                return p;
            }
        }
        return null;
    }

    private static String normal(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
