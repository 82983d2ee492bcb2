package io.ringkv.version;

import java.util.Objects;

/**
 * The name of one write: the actor (replica) that coordinated it and that actor's counter for the key.
 *
 * <p>A dot is what makes dotted version vectors precise: a sibling is discarded only when a context
 * covers its own dot, not merely when some clock compares greater, so two writes carrying the same
 * context both survive even when one replica coordinates both (DVV paper, Preguiça et al. 2010).
 */
public record Dot(String actor, long counter) implements Comparable<Dot> {

    public Dot {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor must not be empty");
        }
        if (counter < 1) {
            throw new IllegalArgumentException("dot counter must be >= 1, was " + counter);
        }
    }

    /** Orders by actor, then counter: the canonical order of siblings in a {@link SiblingSet}. */
    @Override
    public int compareTo(Dot other) {
        int byActor = actor.compareTo(other.actor);
        return byActor != 0 ? byActor : Long.compare(counter, other.counter);
    }

    /** The paper's notation, e.g. {@code (Sx,2)}. */
    @Override
    public String toString() {
        return "(" + actor + "," + counter + ")";
    }
}
