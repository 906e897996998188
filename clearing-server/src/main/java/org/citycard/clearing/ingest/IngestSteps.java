package org.citycard.clearing.ingest;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The ingest chain in its order: layout → terminal and TAC → card → duplicate → chain → hotlist and department. Each
 * step prepares once per batch, then sees every record the steps before it let through; a record no step decides
 * is accepted.
 */
@Component
public class IngestSteps {
    private final List<IngestStep> steps;

    public IngestSteps(
            LayoutStep layout,
            TacStep tac,
            CardStep card,
            DuplicateStep duplicate,
            ChainStep chain,
            HotlistDepartmentStep hotlistAndDepartment) {
        this.steps = List.of(layout, tac, card, duplicate, chain, hotlistAndDepartment);
    }

    /** The steps in order (for the listing and the tests). */
    public List<IngestStep> steps() {
        return steps;
    }

    /** Runs every record of the batch through the steps; the accepted ones are in {@code batch.accepted()}. */
    public void run(BatchContext batch) {
        for (IngestStep s : steps) {
            s.prepare(batch);
        }
        for (int i = 0; i < batch.size(); i++) {
            RecordContext rc = batch.record(i);
            if (passes(batch, rc)) {
                batch.accept(rc);
            }
        }
    }

    private boolean passes(BatchContext batch, RecordContext rc) {
        for (IngestStep s : steps) {
            if (s.check(batch, rc) == IngestStep.Next.DECIDED) {
                return false;
            }
        }
        return true;
    }
}
