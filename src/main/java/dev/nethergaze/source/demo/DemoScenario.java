package dev.nethergaze.source.demo;

import dev.nethergaze.model.IpKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The cast of the demo: addresses from the documentation ranges (RFC 5737, RFC 3849), so nothing
 * real is implicated. Visitors and a crawler behave; a scanner probes, a brute-forcer guesses SSH
 * passwords (and, after a while, gets in as root), and a SYN flood from two /24s leaves half-open
 * connections that never send a request.
 */
public final class DemoScenario {

    public static final IpKey SERVER_V4 = IpKey.parse("192.0.2.1");
    public static final IpKey SERVER_V6 = IpKey.parse("2001:db8::1");
    public static final IpKey CRAWLER = IpKey.parse("192.0.2.77");
    public static final IpKey SCANNER = IpKey.parse("192.0.2.201");
    public static final IpKey BRUTE_FORCER = IpKey.parse("2001:db8:bad:1::22");
    public static final IpKey DATABASE = IpKey.parse("198.51.100.200");
    /** Each flood IP holds this many half-open connections: 30 × 9 = 270. */
    public static final int SYN_RECV_PER_FLOOD_IP = 9;
    /** The flood starts at this step (second), so it is on screen within 5 s. */
    public static final int FLOOD_START_STEP = 2;
    /** At this step (second) the brute-forcer's password for root is accepted. */
    public static final int BREAK_IN_STEP = 3;

    private DemoScenario() {}

    public static List<IpKey> visitors() {
        List<IpKey> out = new ArrayList<>();
        for (int i = 20; i < 32; i++) {
            out.add(IpKey.parse("192.0.2." + i));
        }
        for (int i = 1; i <= 3; i++) {
            out.add(IpKey.parse("2001:db8:cafe::" + i));
        }
        return out;
    }

    /** 30 addresses: 15 in 198.51.100.0/24 and 15 in 203.0.113.0/24. */
    public static List<IpKey> floodIps() {
        List<IpKey> out = new ArrayList<>();
        for (int i = 10; i < 25; i++) {
            out.add(IpKey.parse("198.51.100." + i));
            out.add(IpKey.parse("203.0.113." + i));
        }
        return out;
    }

    static final List<String> PAGES = List.of(
            "/",
            "/about",
            "/blog/",
            "/blog/2026/11/incident-review",
            "/static/app.css",
            "/static/app.js",
            "/img/logo.svg",
            "/contact",
            "/api/v1/status",
            "/feed.xml");

    static final List<String> PROBES = List.of(
            "/wp-login.php",
            "/.env",
            "/.git/config",
            "/phpmyadmin/index.php",
            "/cgi-bin/luci/;stok=/locale",
            "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
            "/index.php?s=/Index/\\think\\app/invokefunction",
            "/xmlrpc.php",
            "/.aws/credentials",
            "/server-status");

    static final List<String> USERS = List.of("root", "admin", "oracle", "ubuntu", "test", "postgres", "git", "pi");

    static final String BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
    static final String CRAWLER_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String SCANNER_UA = "Mozilla/5.0 zgrab/0.x";
}
