package dev.nethergaze.act;

import dev.nethergaze.model.IpKey;
import java.util.Map;
import java.util.Optional;

/** The address of the SSH session this process runs in ($SSH_CONNECTION, else $SSH_CLIENT): never blocked. */
public final class SshClient {

    private SshClient() {}

    public static Optional<IpKey> fromEnv(Map<String, String> env) {
        for (String var : new String[] {"SSH_CONNECTION", "SSH_CLIENT"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                IpKey ip = IpKey.tryParse(v.strip().split("\\s+", 2)[0]);
                if (ip != null) {
                    return Optional.of(ip);
                }
            }
        }
        return Optional.empty();
    }
}
