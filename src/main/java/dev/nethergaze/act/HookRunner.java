package dev.nethergaze.act;

import dev.nethergaze.model.IpKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs action hooks safely. {@code {ip}} is substituted only after the value parses as an IP
 * address, and then with the canonical form nethergaze prints (digits, dots, colons, hex): no
 * value from a log line can add an argument or a shell word. A command that is explicitly a shell
 * ({@code ["sh", "-c", SCRIPT, ...]}) gets the address as positional argument {@code $1}, and a
 * {@code {ip}} in the script is rewritten to {@code "$1"}: never spliced into the script text.
 */
public final class HookRunner {

    private static final String PLACEHOLDER = "{ip}";
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "fish");

    private final CommandRunner runner;

    public HookRunner(CommandRunner runner) {
        this.runner = runner;
    }

    /** The argument array to run for {@code value}; throws {@link ActionRefused} if it is not an IP. */
    public static List<String> argv(ActionHook hook, String value) {
        IpKey ip = value == null ? null : IpKey.tryParse(value.strip());
        if (ip == null) {
            throw new ActionRefused("hook '" + hook.key() + "': refusing '" + oneLine(value) + "': not an IP address");
        }
        String canonical = ip.toString();
        List<String> cmd = hook.command();
        if (isShell(cmd)) {
            List<String> out =
                    new ArrayList<>(List.of(cmd.get(0), cmd.get(1), cmd.get(2).replace(PLACEHOLDER, "\"$1\"")));
            out.add("nethergaze-hook"); // $0
            out.add(canonical); // $1
            for (String a : cmd.subList(3, cmd.size())) {
                out.add(a.replace(PLACEHOLDER, canonical));
            }
            return out;
        }
        List<String> out = new ArrayList<>(cmd.size());
        for (String a : cmd) {
            out.add(a.replace(PLACEHOLDER, canonical));
        }
        return out;
    }

    /** Runs the hook for one address; output is captured (capped) for display. */
    public CommandRunner.Result run(ActionHook hook, String value) throws InterruptedException {
        return runner.run(argv(hook, value), hook.timeout());
    }

    private static boolean isShell(List<String> cmd) {
        if (cmd.size() < 3 || !cmd.get(1).equals("-c")) {
            return false;
        }
        Path p = Path.of(cmd.getFirst()).getFileName();
        return p != null && SHELLS.contains(p.toString());
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\r\\n\\t]", " ");
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
