package io.ringkv.version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The actors of one encoded sibling set, written once, sorted, and referred to by index: a key
 * with three replicas names the same three actors in every dot and context.
 */
final class ActorTable implements ActorNaming {

    private final List<String> actors;
    private final Map<String, Integer> indices = new HashMap<>();

    private ActorTable(List<String> sortedActors) {
        this.actors = sortedActors;
        for (int i = 0; i < sortedActors.size(); i++) {
            indices.put(sortedActors.get(i), i);
        }
    }

    /** Every actor named in {@code set}'s dots and contexts. */
    static ActorTable of(SiblingSet set) {
        TreeSet<String> actors = new TreeSet<>();
        for (Sibling sibling : set.siblings()) {
            actors.add(sibling.dot().actor());
            sibling.context().entries().forEach(entry -> actors.add(entry.actor()));
        }
        return new ActorTable(new ArrayList<>(actors));
    }

    /** Reads a table written by {@link #writeTo}: a count, then strictly ascending names. */
    static ActorTable readFrom(WireReader in) {
        int count = in.readCount(2, "actors");
        List<String> actors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String actor = in.readActor();
            if (i > 0 && actors.get(i - 1).compareTo(actor) >= 0) {
                throw new MalformedBytes("actor table is not strictly sorted at index " + i);
            }
            actors.add(actor);
        }
        return new ActorTable(Collections.unmodifiableList(actors));
    }

    void writeTo(WireWriter out) {
        out.writeVarLong(actors.size());
        actors.forEach(out::writeString);
    }

    @Override
    public void write(WireWriter out, String actor) {
        out.writeVarLong(indices.get(actor));
    }

    @Override
    public String read(WireReader in) {
        long index = in.readVarLong();
        if (index >= actors.size()) {
            throw new MalformedBytes("actor index " + index + " outside a table of " + actors.size());
        }
        return actors.get((int) index);
    }
}
