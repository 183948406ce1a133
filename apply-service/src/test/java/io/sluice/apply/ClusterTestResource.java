package io.sluice.apply;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sluice.testkit.cluster.ClusterProvider;
import java.util.Map;

/** Points the service under test at the test JVM's real cluster (see {@link ClusterProvider}). */
public class ClusterTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("sluice.apply.kubeconfig", ClusterProvider.shared().kubeconfig().toString());
    }

    @Override
    public void stop() {
        // The shared cluster stops with the JVM.
    }
}
