package dev.nethergaze.enrich.rdns;

import dev.nethergaze.model.IpKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PTR lookups through the system resolver, on a virtual thread with a deadline (the resolver call
 * itself cannot be given one). Off unless asked for: it tells your DNS resolver which addresses you
 * are looking at.
 */
public final class ReverseDns implements AutoCloseable {

    private final Duration timeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public ReverseDns(Duration timeout) {
        this.timeout = timeout;
    }

    /** The PTR name, or empty when there is none or it did not come in time. */
    public Optional<String> lookup(IpKey ip) throws InterruptedException {
        Future<String> f = executor.submit(() -> ptr(ip));
        try {
            return Optional.ofNullable(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            f.cancel(true);
            return Optional.empty();
        }
    }

    /**
     * The PTR names of {@code ips}, looked up at once and all given the same deadline (one wait, not
     * one per address); those with none, or late, are left out.
     */
    public Map<IpKey, String> lookupAll(Collection<IpKey> ips) throws InterruptedException {
        Map<IpKey, Future<String>> pending = new LinkedHashMap<>();
        for (IpKey ip : ips) {
            pending.computeIfAbsent(ip, k -> executor.submit(() -> ptr(k)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<IpKey, String> names = new LinkedHashMap<>();
        for (Map.Entry<IpKey, Future<String>> e : pending.entrySet()) {
            try {
                String name = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (name != null) {
                    names.put(e.getKey(), name);
                }
            } catch (ExecutionException | TimeoutException ex) {
                e.getValue().cancel(true);
            }
        }
        return names;
    }

    private static String ptr(IpKey ip) throws UnknownHostException {
        InetAddress addr = InetAddress.getByAddress(ip.toBytes());
        String name = addr.getCanonicalHostName();
        return name.equals(addr.getHostAddress()) ? null : name;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
