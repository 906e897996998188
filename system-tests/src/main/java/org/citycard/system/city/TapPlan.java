package org.citycard.system.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.citycard.system.city.CityLayout.Department;
import org.citycard.system.city.CityLayout.TerminalSpec;
import org.citycard.system.city.CityTerminal.Pull;

/**
 * The day's taps, drawn from a seed before the day starts: at each kiosk or department terminal, which card comes
 * and what for. Kiosks take bills (a compound purchase with the bill's reference) and answer balance and identity
 * queries; department terminals sell their own services. A few purchases are torn (the card pulled away at DEBIT),
 * each followed at once by the citizen's second tap. The last card is reported lost halfway through the day and is
 * tapped once before and twice after the report.
 */
public final class TapPlan {
    /** What a planned tap is for. */
    public enum Action {
        PAY,
        BALANCE,
        IDENTITY
    }

    /**
     * One planned tap.
     *
     * @param terminal index into the terminals (never the counter, index 0)
     * @param card index into the cards
     * @param department the department paid, null for a query
     */
    public record Planned(
            int index,
            int terminal,
            int card,
            Action action,
            Department department,
            long amount,
            String payee,
            String category,
            Pull pull,
            int phase) {}

    private final List<Planned> taps;
    private final int lostCard;

    private TapPlan(List<Planned> taps, int lostCard) {
        this.taps = taps;
        this.lostCard = lostCard;
    }

    public List<Planned> taps() {
        return taps;
    }

    public List<Planned> phase(int phase) {
        return taps.stream().filter(t -> t.phase() == phase).toList();
    }

    /** The card reported lost halfway through (the last one); -1 when the city has a single card. */
    public int lostCard() {
        return lostCard;
    }

    public long torn(Pull pull) {
        return taps.stream().filter(t -> t.pull() == pull).count();
    }

    /**
     * @param terminals the city's terminals, the counter first
     * @param cards how many cards there are
     * @param count how many taps at kiosks and department terminals
     * @param tears how many purchases are torn, alternately after and before the debit
     */
    public static TapPlan draw(List<TerminalSpec> terminals, int cards, int count, int tears, long seed) {
        Random r = new Random(seed);
        int lost = cards > 1 ? cards - 1 : -1;
        List<Planned> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int phase = i == 0 || i < count / 2 ? 1 : 2; // the lost card's first tap comes before the report
            int terminal = 1 + r.nextInt(terminals.size() - 1);
            int card = r.nextInt(phase == 2 && lost >= 0 ? cards - 1 : cards);
            if (i == 0 && lost >= 0) {
                card = lost; // the lost card is used once before its holder reports it
            }
            out.add(tap(r, i, terminals.get(terminal), terminal, card, phase));
        }
        tear(out, tears, r);
        return new TapPlan(List.copyOf(out), lost);
    }

    private static Planned tap(Random r, int i, TerminalSpec t, int terminal, int card, int phase) {
        if (t.kind() == CityTerminal.Kind.KIOSK) {
            int roll = r.nextInt(100);
            if (roll < 20) {
                return new Planned(i, terminal, card, Action.BALANCE, null, 0, "", null, Pull.NONE, phase);
            }
            if (roll < 30) {
                return new Planned(i, terminal, card, Action.IDENTITY, null, 0, "", null, Pull.NONE, phase);
            }
            Department bill = CityLayout.KIOSK_BILLS.get(r.nextInt(CityLayout.KIOSK_BILLS.size()));
            return pay(r, i, terminal, card, bill, phase);
        }
        return pay(r, i, terminal, card, CityLayout.department(t.department()), phase);
    }

    private static Planned pay(Random r, int i, int terminal, int card, Department d, int phase) {
        String payee = d.payeePrefix().isEmpty() ? "" : d.payeePrefix() + String.format("%06d", r.nextInt(1_000_000));
        return new Planned(
                i, terminal, card, Action.PAY, d, d.amount(r), payee, d.compoundCategory(), Pull.NONE, phase);
    }

    /** Turns {@code tears} purchases at department terminals into torn taps, spread over the day. */
    private static void tear(List<Planned> taps, int tears, Random r) {
        List<Integer> candidates = new ArrayList<>();
        for (Planned p : taps) {
            if (p.action() == Action.PAY && p.index() > 0) {
                candidates.add(p.index());
            }
        }
        java.util.Collections.shuffle(candidates, r);
        for (int k = 0; k < Math.min(tears, candidates.size()); k++) {
            int idx = candidates.get(k);
            Planned p = taps.get(idx);
            Pull pull = k % 2 == 0 ? Pull.AFTER_DEBIT : Pull.BEFORE_DEBIT;
            taps.set(
                    idx,
                    new Planned(
                            p.index(),
                            p.terminal(),
                            p.card(),
                            p.action(),
                            p.department(),
                            p.amount(),
                            p.payee(),
                            p.category(),
                            pull,
                            p.phase()));
        }
    }
}
