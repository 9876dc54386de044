package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.Block;
import dev.nethergaze.model.IpView;
import dev.nethergaze.ui.tui.draw.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the firewall already does about a row, in words: the detail view's lines and the notes the
 * block and unblock dialogs start with (so a second block of an IP fail2ban holds is not typed, and
 * an unblock that would leave another tool's block in place says where that one is).
 */
public final class BlockLines {

    private BlockLines() {}

    /**
     * Whether every packet of the row is dropped (a rule with no other condition holds it); for a
     * group, of each of its IPs.
     */
    public static boolean whole(IpView v) {
        if (v.group() != null) {
            return v.group().members().stream().allMatch(BlockLines::whole);
        }
        for (Block b : v.blocked()) {
            if (b.whole()) {
                return true;
            }
        }
        return false;
    }

    /** One block in a line: "fail2ban sshd: tcp dport 22 only · 203.0.113.0/24 · ends in 42m". */
    public static String summary(Block b, Instant now) {
        StringBuilder s = new StringBuilder(b.by());
        s.append(": ").append(b.whole() ? "every packet" : b.only() + " only");
        s.append(" · ").append(b.matched());
        if (b.expires() != null) {
            long left = Duration.between(now, b.expires()).toSeconds();
            s.append(left > 0 ? " · ends in " + Text.duration(left) : " · ending");
        }
        return s.toString();
    }

    /** The lines a block dialog starts with: what already blocks the row, if anything. */
    public static List<String> beforeBlock(IpView v, Instant now) {
        return beforeBlock(v.blocked(), whole(v), now);
    }

    /**
     * The notice before a block of an address or prefix that {@code blocks} already hold (the
     * console's block dialog, {@code nethergaze block}): each block and its rule, then whether more is
     * needed ({@code whole}: every packet is already dropped); nothing when there is none.
     */
    public static List<String> beforeBlock(List<Block> blocks, boolean whole, Instant now) {
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add("# already blocked by " + summary(b, now));
            out.add("#   " + b.rule());
        }
        if (!out.isEmpty()) {
            out.add(whole ? "# nothing more is needed unless it should outlast that block" : "# only in part:");
            out.add("");
        }
        return out;
    }

    /**
     * The lines an unblock dialog starts with: the blocks it does not remove (anyone's but ours), each
     * with how that tool lifts it.
     */
    public static List<String> beforeUnblock(IpView v, String target) {
        List<String> out = new ArrayList<>();
        for (Block b : v.blocked()) {
            if ("nethergaze".equals(b.by())) {
                continue;
            }
            out.add("# " + b.by() + " blocks it too, and this does not lift that: " + b.rule());
            if (b.by().startsWith("fail2ban ")) {
                out.add("#   fail2ban-client set " + b.by().substring("fail2ban ".length()) + " unbanip " + target);
            } else if ("ufw".equals(b.by())) {
                out.add("#   ufw status numbered, then ufw delete N");
            } else if ("iptables".equals(b.by()) || "ipset".equals(b.by())) {
                out.add("#   iptables -D with the rule above (-A becomes -D), or ipset del SET " + b.matched());
            } else {
                out.add(
                        "#   nft -a list ruleset shows its handle; nft delete rule … handle N, or delete the set element");
            }
        }
        if (!out.isEmpty()) {
            out.add("");
        }
        return out;
    }
}
