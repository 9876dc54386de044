package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [actions]} section and its {@code [[actions.hooks]]}.
 *
 * @param enableBlockExecution run block/unblock commands (off: print them only)
 * @param firewall auto, ufw, nftables, iptables or ipset
 * @param auditLog where executed actions are recorded; "" means
 *     $XDG_STATE_HOME/nethergaze/audit.jsonl (else ~/.local/state/nethergaze/audit.jsonl)
 * @param hookTimeoutSeconds default hook timeout
 * @param readFirewallSeconds how often live modes read what the firewall blocks (0: never)
 * @param hooks user-defined actions on an IP
 */
public record ActionsConfig(
        boolean enableBlockExecution,
        String firewall,
        String auditLog,
        int hookTimeoutSeconds,
        int readFirewallSeconds,
        List<HookConfig> hooks) {

    public ActionsConfig {
        hooks = List.copyOf(hooks);
    }
}
