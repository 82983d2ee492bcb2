package io.ringkv.ring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Test support: a random but reproducible sequence of membership changes, and its replay through
 * {@link Claim}. Node ids are scrambled so that id order differs from join order.
 */
final class ChangeHistory {

    enum Kind { JOIN, LEAVE, REWEIGHT }

    /** One requested change; {@code pick} selects the member to leave or reweight. */
    record Change(Kind kind, int pick, int weight, int rack) {
    }

    /** A starting cluster and the changes applied to it. */
    record Scenario(int partitionCount, boolean weighted, boolean racks, int initialSize, List<Change> changes) {
    }

    /** One applied change: the ring before, the ring after, and what happened. */
    record Step(Ring before, Ring after, Kind kind, NodeSpec subject) {
    }

    private static final int MAX_NODES = 64;

    private final Scenario scenario;
    private final Ring initial;
    private final List<Step> steps = new ArrayList<>();
    private int nextId;

    private ChangeHistory(Scenario scenario, long shuffleSeed) {
        this.scenario = scenario;
        List<NodeSpec> members = new ArrayList<>();
        for (int i = 0; i < scenario.initialSize(); i++) {
            members.add(newNode(1 + i % 4, i % 5));
        }
        Collections.shuffle(members, new Random(shuffleSeed));
        this.initial = Claim.initial(scenario.partitionCount(), members);
        Ring ring = initial;
        for (Change change : scenario.changes()) {
            ring = apply(ring, change);
        }
    }

    /** Replays a scenario; the seed only shuffles the order the initial members are passed in. */
    static ChangeHistory replay(Scenario scenario, long shuffleSeed) {
        return new ChangeHistory(scenario, shuffleSeed);
    }

    Ring initial() {
        return initial;
    }

    List<Step> steps() {
        return steps;
    }

    Ring last() {
        return steps.isEmpty() ? initial : steps.get(steps.size() - 1).after();
    }

    /** Every ring of the history, the initial one first. */
    List<Ring> rings() {
        List<Ring> rings = new ArrayList<>();
        rings.add(initial);
        steps.forEach(step -> rings.add(step.after()));
        return rings;
    }

    private Ring apply(Ring ring, Change change) {
        Kind kind = change.kind();
        if (kind == Kind.LEAVE && ring.nodeCount() == 1) {
            kind = Kind.JOIN;
        } else if (kind == Kind.JOIN && ring.nodeCount() == MAX_NODES) {
            kind = Kind.LEAVE;
        }
        List<String> ids = new ArrayList<>(ring.members().keySet());
        NodeSpec subject;
        Ring after;
        switch (kind) {
            case JOIN -> {
                subject = newNode(change.weight(), change.rack());
                after = Claim.join(ring, subject);
            }
            case LEAVE -> {
                subject = ring.member(ids.get(change.pick() % ids.size()));
                after = Claim.leave(ring, subject.id());
            }
            default -> {
                subject = ring.member(ids.get(change.pick() % ids.size())).withWeight(weight(change.weight()));
                after = Claim.reweight(ring, subject.id(), subject.weight());
            }
        }
        steps.add(new Step(ring, after, kind, subject));
        return after;
    }

    private NodeSpec newNode(int weight, int rack) {
        String id = String.format("n%03d", (nextId++ * 37) % 1000);
        return new NodeSpec(id, scenario.racks() && rack < 4 ? "r" + rack : "", weight(weight));
    }

    private int weight(int generated) {
        return scenario.weighted() ? generated : 1;
    }

    @Override
    public String toString() {
        return scenario.toString();
    }
}
