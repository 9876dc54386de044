package dev.nethergaze.enrich.rdns;

import dev.nethergaze.model.IpKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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
