package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;
import static org.citycard.issuance.desk.DeskInput.number;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.desk.DeskApi.Request;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;

/**
 * Production at the desk: how many applications are verified and the batches with their state, a batch made for a
 * key set, a run started on its own thread ({@link BatchRuns}) with the key set opened by the operator's password,
 * and the run's progress for the page to poll.
 */
final class ProductionRoutes implements AutoCloseable {
    private final IssuanceTool tool;
    private final BatchRuns runs;

    ProductionRoutes(IssuanceTool tool, BatchRuns runs) {
        this.tool = tool;
        this.runs = runs;
    }

    Object production(Staff me) {
        me.require(Permission.PRODUCE);
        int verified = tool.db().read(c -> CardRepository.byState(c, CardState.VERIFIED, Integer.MAX_VALUE)
                .size());
        List<Object> batches = new ArrayList<>();
        for (ProductionService.Batch b : tool.production().batches()) {
            batches.add(m(
                    "id", b.id(),
                    "keySet", b.keySet(),
                    "size", b.size(),
                    "done", b.done(),
                    "finished", b.finished(),
                    "alg", b.algorithm().name(),
                    "running", runs.running(b.id())));
        }
        return m("verified", verified, "batches", batches);
    }

    Object createBatch(Staff me, Request r) {
        int count = (int) number(r.required("count"), "count");
        String keySet = r.required("keySet");
        String name =
                "demo".equals(keySet) ? "demo" : Path.of(keySet).getFileName().toString();
        String alg = r.text("alg");
        ProductionService.Batch b =
                tool.production().create(me, count, name, alg == null ? Algorithm.TDES : Algorithm.parse("alg", alg));
        return m(
                "batch",
                b.id(),
                "size",
                b.size(),
                "keySet",
                name,
                "alg",
                b.algorithm().name());
    }

    Object runBatch(Staff me, Request r) {
        long batch = number(r.required("batch"), "batch");
        KeySet keys = DeskInput.keySet(tool, me, r.required("keySet"), r.secret("password"));
        String reader = r.text("reader") == null || r.text("reader").isBlank()
                ? "sim"
                : r.text("reader").strip();
        runs.start(me, batch, keys, reader);
        return progress(me, batch);
    }

    Object progress(Staff me, Request r) {
        return progress(me, number(r.query().get("batch"), "batch"));
    }

    private Object progress(Staff me, long batch) {
        me.require(Permission.PRODUCE);
        return runs.progress(batch);
    }

    @Override
    public void close() {
        runs.close();
    }
}
