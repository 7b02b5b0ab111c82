package newsidx.cluster;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node for newsidx's cluster tests (issue 22), started from
 * the Maven artifacts with the netty4 transport/HTTP and analysis-common
 * plugins loaded from the classpath, as OpenSearch's own MockNode does.
 *
 * <p>Arguments are node settings as {@code key=value} (tests/cluster/cluster.sh
 * gives ports, seed hosts and paths). {@code --parent-pid=PID} makes the node
 * exit once that process is gone, so a test run that dies leaves no JVM
 * behind.
 */
public final class ClusterNode extends Node {
    private static final List<Class<? extends Plugin>> PLUGINS =
        List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    private ClusterNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> settings.get("node.name")),
            PLUGINS,
            true
        );
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder settings = Settings.builder();
        long parent = -1;
        for (String arg : args) {
            if (arg.startsWith("--parent-pid=")) {
                parent = Long.parseLong(arg.substring("--parent-pid=".length()));
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("ClusterNode: expected key=value, got " + arg);
                System.exit(2);
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (key.equals("discovery.seed_hosts") || key.equals("cluster.initial_cluster_manager_nodes")) {
                settings.putList(key, Arrays.asList(value.split(",")));
            } else {
                settings.put(key, value);
            }
        }
        ClusterNode node = new ClusterNode(settings.build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        node.start();
        if (parent > 0) {
            final long watched = parent;
            Thread watch = new Thread(() -> {
                while (ProcessHandle.of(watched).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.exit(0);
            }, "parent-watch");
            watch.setDaemon(true);
            watch.start();
        }
        Thread.currentThread().join();
    }
}
