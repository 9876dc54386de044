package dev.nethergaze.cli;

import dev.nethergaze.act.Blocker;
import dev.nethergaze.config.Config;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "unblock",
        description = "Remove a block made by nethergaze (prints the commands; runs them only when"
                + " actions.enable_block_execution is true).",
        mixinStandardHelpOptions = true)
final class UnblockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    BlockOptions options;

    @Parameters(index = "0", paramLabel = "IP[/BITS]", description = "Address or prefix, IPv4 or IPv6.")
    String target;

    @Override
    public Integer call() throws InterruptedException {
        var cidr = BlockOptions.target(target, spec.commandLine().getErr());
        Config c = common.load();
        Blocker b = options.blocker(c, System.getenv(), System.out);
        Blocker.Outcome o = b.unblock(cidr, options.reason);
        options.print(o, c, System.out, false);
        if (o.executed() && !o.plan().isEmpty()) { // nothing to remove: no action
            HistorySession.recordAction(
                    c, common.historyFile, common.noHistory, cidr, "unblock", options.reason, System.err);
        }
        return 0;
    }
}
