package dev.nethergaze.act;

/** Detects the firewall with the real tools as whoever runs it (AsNobody); prints known, backend, reasons. */
public final class FirewallDetectMain {

    private FirewallDetectMain() {}

    public static void main(String[] args) throws Exception {
        FirewallDetector.Detection d = new FirewallDetector(new ProcessRunner()).detect();
        System.out.println("known " + d.known());
        System.out.println("backend " + d.backend().cliName());
        d.reasons().forEach(r -> System.out.println("reason " + r));
    }
}
