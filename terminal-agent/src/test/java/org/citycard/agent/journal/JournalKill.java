package org.citycard.agent.journal;

/** For crash tests outside this package: a journal left as a kill leaves it. */
public final class JournalKill {
    private JournalKill() {}

    /** What the tap log buffers is lost, the file keeps what was written; Derby stops without committing. */
    public static void kill(Journal journal) {
        journal.abandon();
    }
}
