package dev.agenthive.bench;

import java.util.ArrayList;
import java.util.List;

/** A queue workload run by every {@link Contenders#queue queue contender} that supports the store. */
final class QueueWorkload implements Workload {
    private final String name;
    private final QueueSpec spec;
    private final boolean withPeers;

    QueueWorkload(String name, QueueSpec spec, boolean withPeers) {
        this.name = name;
        this.spec = spec;
        this.withPeers = withPeers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (QueueContender contender : Contenders.queue(withPeers)) {
            if (contender.supports(database.store())) {
                measurements.add(Contended.run(database, contender.name(), target -> contender.run(target, spec)));
            }
        }
        return measurements;
    }
}
