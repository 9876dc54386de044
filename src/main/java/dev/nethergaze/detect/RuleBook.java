package dev.nethergaze.detect;

import java.util.List;
import java.util.function.BooleanSupplier;

/** The rules a {@link Detector} judges each IP by, and every rule id a finding can carry. */
final class RuleBook {

    private RuleBook() {}

    /**
     * The rules judged per IP, in the order they are judged; {@code logsFlowing} tells whether access
     * logs are known to flow (a rule that judges connections without requests waits for them).
     */
    static Rule[] ipRules(DetectSettings settings, BooleanSupplier logsFlowing) {
        return new Rule[] {
            new SynFloodRule(settings),
            new ConnHogRule(settings),
            new RequestBurstRule(settings),
            new ErrorBurstRule(settings),
            new ScannerAgentRule(settings),
            new ExploitProbeRule(settings),
            new HttpLoginRule(settings),
            new HttpLoginSprayRule(settings),
            HttpLoginSprayRule.slow(settings),
            new HttpSlowLoginRule(settings),
            new SshBruteForceRule(settings),
            new SshUserSprayRule(settings),
            new SshSlowGuessRule(settings),
            new SshHandshakeRule(settings),
            SshLoginAfterGuessingRule.own(settings),
            SshLoginAfterGuessingRule.distributed(settings),
            new PortScanRule(settings),
            new HighPpsRule(settings),
            new SynScanRule(settings),
            new WireSynFloodRule(settings),
            new RequestlessRule(settings, logsFlowing)
        };
    }

    /** Every rule id a finding can carry (for the filter language and documentation). */
    static List<String> ids() {
        return List.of(
                SynFloodRule.ID,
                PrefixFloods.ID,
                HostRules.SYN_HOST,
                HostRules.SYN_COUNTERS,
                HostRules.LISTEN_FULL,
                ConnHogRule.ID,
                RequestBurstRule.ID,
                ErrorBurstRule.ID,
                ScannerAgentRule.ID,
                ExploitProbeRule.ID,
                HttpLoginRule.ID,
                HttpLoginSprayRule.ID,
                HttpLoginSprayRule.SLOW_ID,
                HttpSlowLoginRule.ID,
                SshBruteForceRule.ID,
                SshUserSprayRule.ID,
                SshSlowGuessRule.ID,
                SshHandshakeRule.ID,
                SshLoginAfterGuessingRule.ID,
                SshLoginAfterGuessingRule.DISTRIBUTED_ID,
                PortScanRule.ID,
                HighPpsRule.ID,
                SynScanRule.ID,
                WireSynFloodRule.ID,
                WireSynFloodHost.ID,
                RequestlessRule.ID,
                RequestBurstRule.ID + Detector.PREFIX,
                ErrorBurstRule.ID + Detector.PREFIX,
                ScannerAgentRule.ID + Detector.PREFIX,
                ExploitProbeRule.ID + Detector.PREFIX,
                HttpLoginRule.ID + Detector.PREFIX,
                HttpSlowLoginRule.ID + Detector.PREFIX,
                SshBruteForceRule.ID + Detector.PREFIX,
                SshUserSprayRule.ID + Detector.PREFIX,
                SshSlowGuessRule.ID + Detector.PREFIX,
                SshHandshakeRule.ID + Detector.PREFIX,
                SshLoginAfterGuessingRule.ID + Detector.PREFIX);
    }
}
