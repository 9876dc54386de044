package dev.nethergaze.act;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the firewall watch with the real tools (nft, iptables-save, ip6tables-save) every 100 ms for
 * args[0] ms, as whoever runs it (AsNobody: a user the kernel refuses), and prints how many tool
 * processes it started, how many lines it reported, and its last health.
 */
public final class FirewallDeniedMain {

    private FirewallDeniedMain() {}

    public static void main(String[] args) throws Exception {
        AtomicInteger started = new AtomicInteger();
        ProcessRunner real = new ProcessRunner(FirewallWatch.MAX_OUTPUT);
        CommandRunner counted = (argv, timeout) -> {
            CommandRunner.Result r = real.run(argv, timeout);
            if (r.started()) {
                started.incrementAndGet();
            }
            return r;
        };
        List<String> reported = new CopyOnWriteArrayList<>();
        FirewallWatch w = new FirewallWatch(
                counted, Duration.ofMillis(100), InstantSource.system(), (n, s, d) -> reported.add(s + ": " + d));
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                w.run(e -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(Long.parseLong(args[0]));
        t.interrupt();
        t.join();
        System.out.println("started " + started.get());
        System.out.println("reported " + reported.size());
        System.out.println("health " + w.health().status() + ": " + w.health().detail());
    }
}
