package org.citycard.applet.tearing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citycard.applet.tearing.TearableCard.CommandWrites;

/**
 * Tears an operation at every persistent write it makes. From the card's current state (a checkpoint): observe the
 * state before; run the operation once to count its writes n and observe the state after; then for every k in 1..n
 * bring the checkpoint back, tear at write k, power-cycle, observe, and let the operation's invariants judge the
 * state the tear left. One more tear point, n + 1, cuts the power after the last write, before the answer reaches
 * the terminal: the state is the complete one, and the invariants judge it like the others (a proof that must
 * verify, a personalisation that must work). So an operation of n writes gets n + 1 tears. Finally the card is back
 * at its starting state.
 *
 * <p>System property {@value #MAX_TEARS_PROPERTY} caps the tears per operation (evenly spaced, first and last
 * included) for operations too large to tear everywhere; unset, every write is torn.
 */
public final class TearSweep {
    /** Caps the number of tears per operation; unset or 0: every write. */
    public static final String MAX_TEARS_PROPERTY = "citycard.tearing.maxTears";

    /** The step of the last tear point: the power lost after the last write, before the answer. */
    public static final String AFTER_LAST_WRITE = "after the last write (answer lost)";

    private static final int DETAILS_SHOWN = 20;

    private TearSweep() {}

    /** An operation to tear, with its view of the card and its invariants. */
    public interface Operation<S> {
        /** Name in the figures: "purchase", "PIN change", …. */
        String name();

        /** Runs the operation on a freshly powered card; a tear surfaces as {@link CardTornException}. */
        void run(TearableCard card);

        /** The state the invariants are about, read through APDUs on a freshly powered card; writes nothing. */
        S observe(TearableCard card);

        /**
         * The invariants broken by the state {@code torn} that a tear left, given the state {@code before} the
         * operation and {@code after} a complete run; empty when consistent. {@code card.tornCommand()} is the
         * command the tear hit, null when the power went after the last write. May use the card (to verify a proof,
         * to personalise again …): whatever it changes is undone.
         */
        List<String> check(S before, S after, S torn, TearableCard card);

        /** The step a command belongs to, for per-step figures; by default the whole operation is one step. */
        default String step(CommandWrites command) {
            return name();
        }
    }

    /** "7 writes, 8 tears injected, 0 inconsistent states". */
    static String figures(long writes, long tears, long inconsistent) {
        return writes + (writes == 1 ? " write, " : " writes, ") + tears + (tears == 1 ? " tear" : " tears")
                + " injected, " + inconsistent + (inconsistent == 1 ? " inconsistent state" : " inconsistent states");
    }

    /** A tear whose state broke an invariant. */
    public record Inconsistency(long write, String step, String tornWrite, String site, List<String> problems) {
        @Override
        public String toString() {
            return "tear at write " + write + " (" + step + ", " + tornWrite + " at " + site + "): "
                    + String.join("; ", problems);
        }
    }

    /** Figures of one step of an operation. */
    public record StepFigures(String step, long writes, long tears, long inconsistentStates) {
        /** {@code tearing personalisation / purse PUT KEY 01: 3 writes, 3 tears injected, 0 inconsistent states}. */
        public String summary(String operation) {
            return "tearing " + operation + " / " + step + ": " + figures(writes, tears, inconsistentStates);
        }
    }

    /** The figures of a sweep. */
    public record Result(
            String operation,
            long writes,
            long tears,
            List<Inconsistency> inconsistencies,
            List<StepFigures> steps,
            List<String> writeTrace) {
        public int inconsistentStates() {
            return inconsistencies.size();
        }

        /** {@code tearing purchase: 8 writes, 8 tears injected, 0 inconsistent states}. */
        public String summary() {
            return "tearing " + operation + ": " + figures(writes, tears, inconsistentStates());
        }

        /**
         * The summary; the per-step figures when there are several steps, else what each write is and where the
         * applet makes it; the first inconsistencies.
         */
        public String report() {
            StringBuilder out = new StringBuilder(summary());
            if (steps.size() <= 2) { // the operation and the point after its last write
                for (int i = 0; i < writeTrace.size(); i++) {
                    out.append("\n  write ").append(i + 1).append(": ").append(writeTrace.get(i));
                }
            } else {
                for (StepFigures s : steps) {
                    out.append("\n  ").append(s.summary(operation));
                }
            }
            inconsistencies.stream().limit(DETAILS_SHOWN).forEach(i -> out.append("\n  ")
                    .append(i));
            if (inconsistencies.size() > DETAILS_SHOWN) {
                out.append("\n  … and ")
                        .append(inconsistencies.size() - DETAILS_SHOWN)
                        .append(" more");
            }
            return out.toString();
        }
    }

    /** Sweeps {@code op} from the card's current state; the card ends in that state again. */
    public static <S> Result sweep(TearableCard card, Operation<S> op) {
        card.checkpoint();
        try {
            S before = observe(card, op);
            card.restore();
            card.startCounting();
            op.run(card);
            long n = card.writes();
            List<String> trace = card.memory().trace();
            List<CommandWrites> reference = card.commandLog();
            card.powerCycle();
            S after = observe(card, op);

            Map<String, long[]> steps = new LinkedHashMap<>(); // step → writes, tears, inconsistent
            for (CommandWrites c : reference) {
                if (c.writes() > 0) {
                    steps.computeIfAbsent(op.step(c), s -> new long[3])[0] += c.writes();
                }
            }
            List<Inconsistency> inconsistencies = new ArrayList<>();
            List<Long> ks = tearPoints(n);
            List<Long> points = new ArrayList<>(ks);
            points.add(n + 1); // the power lost after the last write, the answer with it
            for (long k : points) {
                card.restore();
                S restored = observe(card, op);
                if (!restored.equals(before)) {
                    throw new IllegalStateException(op.name() + ": restoring the checkpoint gave " + restored
                            + " instead of " + before + "; the memory model missed a write");
                }
                card.powerCycle();
                List<String> problems = new ArrayList<>();
                Tear tear = runTornAt(card, op, k, n, problems);
                card.powerCycle();
                S torn = observe(card, op);
                problems.addAll(op.check(before, after, torn, card));
                String step = k > n ? AFTER_LAST_WRITE : stepOf(op, reference, k);
                long[] figures = steps.computeIfAbsent(step, s -> new long[3]);
                figures[1]++;
                if (!problems.isEmpty()) {
                    figures[2]++;
                    inconsistencies.add(new Inconsistency(
                            k,
                            step,
                            tear == null ? "-" : tear.what(),
                            tear == null ? "-" : tear.site(),
                            List.copyOf(problems)));
                }
            }
            card.restore();
            List<StepFigures> stepFigures = new ArrayList<>();
            steps.forEach((s, f) -> stepFigures.add(new StepFigures(s, f[0], f[1], f[2])));
            return new Result(
                    op.name(), n, points.size(), List.copyOf(inconsistencies), List.copyOf(stepFigures), trace);
        } finally {
            card.release();
        }
    }

    /**
     * Runs the operation torn at write {@code k}, or for {@code k > n} untorn (the power goes after it): the tear, or
     * null; a run that does not tear where the first run says it must is a problem.
     */
    private static <S> Tear runTornAt(TearableCard card, Operation<S> op, long k, long n, List<String> problems) {
        if (k > n) {
            card.startCounting();
            op.run(card);
            if (card.writes() != n) {
                problems.add("the operation made " + card.writes() + " writes, " + n + " in the first run: it is"
                        + " not deterministic");
            }
            return null;
        }
        card.armTear(k);
        try {
            op.run(card);
        } catch (CardTornException e) {
            if (e.tear().write() == k) {
                return e.tear();
            }
        }
        problems.add("the operation did not reach write " + k + " again (" + n + " writes in the first run): it is"
                + " not deterministic");
        return null;
    }

    private static <S> S observe(TearableCard card, TearSweep.Operation<S> op) {
        card.startCounting();
        S state = op.observe(card);
        if (card.writes() != 0) {
            throw new IllegalStateException(op.name() + ": observing the card made " + card.writes()
                    + " persistent writes; an observation must only read");
        }
        return state;
    }

    private static <S> String stepOf(Operation<S> op, List<CommandWrites> reference, long k) {
        for (CommandWrites c : reference) {
            if (c.contains(k)) {
                return op.step(c);
            }
        }
        return op.name();
    }

    /** 1..n, or {@value #MAX_TEARS_PROPERTY} evenly spaced points of it (first and last included). */
    static List<Long> tearPoints(long n) {
        long max = Long.getLong(MAX_TEARS_PROPERTY, 0);
        List<Long> ks = new ArrayList<>();
        if (max <= 0 || n <= max) {
            for (long k = 1; k <= n; k++) {
                ks.add(k);
            }
        } else if (max == 1) {
            ks.add(n);
        } else {
            for (long i = 0; i < max; i++) {
                long k = 1 + Math.round((double) i * (n - 1) / (max - 1));
                if (ks.isEmpty() || ks.get(ks.size() - 1) != k) {
                    ks.add(k);
                }
            }
        }
        return ks;
    }
}
