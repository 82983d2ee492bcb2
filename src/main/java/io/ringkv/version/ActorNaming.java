package io.ringkv.version;

/**
 * How a binary form writes actor names: inline (a client context, where each actor appears once)
 * or as indices into an {@link ActorTable} (a sibling set, where each actor appears in many dots
 * and contexts).
 */
interface ActorNaming {

    void write(WireWriter out, String actor);

    String read(WireReader in);

    /** Each name written out in full, as a UTF-8 string. */
    ActorNaming INLINE = new ActorNaming() {
        @Override
        public void write(WireWriter out, String actor) {
            out.writeString(actor);
        }

        @Override
        public String read(WireReader in) {
            return in.readActor();
        }
    };
}
