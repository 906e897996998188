package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;
import static org.citycard.issuance.desk.DeskInput.wipe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.citycard.cardlink.CardConnection;
import org.citycard.cardlink.pcsc.Readers;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.desk.DeskApi.Request;
import org.citycard.issuance.life.CardLife;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.RemoteCard;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.staff.Permission;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;

/**
 * The card's life at the counter: a card found by application, ASN or card number, and one action on it (hand-over,
 * activation, loss and found, replacement, renewal, balance settlement, cancellation with refund, PIN reset through a
 * reader) through {@link CardLife}, as {@code issue card ...} does; each answer shows the card as the tool has it now
 * and as the clearing server has it. PINs and key-store passwords are wiped once used.
 */
final class CounterRoutes {
    private final IssuanceTool tool;
    private final CardRegistryClient server;
    private final DeskViews views;

    CounterRoutes(IssuanceTool tool, CardRegistryClient server, DeskViews views) {
        this.tool = tool;
        this.server = server;
        this.views = views;
    }

    Object card(Staff me, String ref) {
        me.require(Permission.VIEW_STATUS);
        CardRecord c = tool.db().read(x -> CardRepository.resolve(x, ref));
        return views.card(c);
    }

    /** One action at the counter; the answer has the card as the tool has it now and as the server has it. */
    Object life(Staff me, Request r) {
        String action = r.required("action");
        String card = r.required("card");
        String id = r.text("presentedId");
        CardLife life = new CardLife(tool, server);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", action);
        switch (action) {
            case "distribute" -> {
                KeySet keys = r.text("keySet") == null || r.text("keySet").isBlank()
                        ? null
                        : DeskInput.keySet(tool, me, r.text("keySet"), r.secret("password"));
                char[] pin = r.secret("pin");
                try (CardConnection c = reader(r.text("reader"))) {
                    life.cards()
                            .distribute(
                                    me,
                                    card,
                                    id,
                                    c == null ? null : c.transport(),
                                    keys,
                                    pin == null || pin.length == 0 ? null : pin);
                } finally {
                    wipe(pin);
                }
                out.put("message", "卡已发放 Card handed over");
                out.put("receipt", "hand-over");
            }
            case "activate" -> {
                life.cards().activate(me, card);
                out.put("message", "卡已启用 Card activated");
            }
            case "loss" -> {
                life.cards().reportLoss(me, card, id, r.text("reason"));
                out.put("message", "已挂失 Reported lost: on the server's hotlist");
                out.put("receipt", "loss");
            }
            case "found" -> {
                life.cards().found(me, card, id);
                out.put("message", "已解挂 Found: off the hotlist, active again");
            }
            case "replace" -> {
                long app = life.replacements().replace(me, card, id, r.text("reason"));
                out.put("message", "补卡申请 Replacement application " + app + " opened");
                out.put("newApplication", app);
            }
            case "renew" -> {
                long app = life.replacements().renew(me, card, id);
                out.put("message", "换卡申请 Renewal application " + app + " opened");
                out.put("newApplication", app);
            }
            case "settle" -> out.put(
                    "message", "余额 Balance " + settlement(life.replacements().settle(me, card)));
            case "cancel" -> {
                Settlement st = life.replacements()
                        .cancel(
                                me,
                                card,
                                id,
                                new RefundAccount(r.required("bank"), r.required("account"), r.required("accountName")),
                                r.text("reason"),
                                null,
                                null);
                out.put("message", "已注销 Cancelled; refund 退款 " + settlement(st));
            }
            case "refund" -> {
                Settlement st = life.replacements()
                        .refund(
                                me,
                                card,
                                new RefundAccount(
                                        r.required("bank"), r.required("account"), r.required("accountName")));
                out.put("message", "退款 Refund " + settlement(st));
            }
            case "pin-reset" -> {
                KeySet keys = DeskInput.keySet(tool, me, r.required("keySet"), r.secret("password"));
                char[] pin = r.secret("pin");
                if (pin == null || pin.length == 0) {
                    throw new IllegalArgumentException("pin: the holder types a new PIN 请持卡人输入新密码");
                }
                try (CardConnection c = reader(r.required("reader"))) {
                    life.cards().resetPin(me, card, id, c.transport(), keys, pin);
                } finally {
                    wipe(pin);
                }
                out.put("message", "密码已重置 PIN reset");
            }
            default -> throw new IllegalArgumentException("action '" + action + "' is not a counter action");
        }
        CardRecord now = tool.db().read(c -> CardRepository.resolve(c, card));
        out.put("card", views.card(now));
        out.put("server", serverView(now.asn()));
        out.put("at", DeskViews.WHEN.format(tool.clock().instant()));
        out.put("clerk", me.displayName() + " (" + me.username() + ")");
        return out;
    }

    /** What the clearing server says about the card after the action. */
    private Object serverView(String asn) {
        if (asn == null) {
            return m("answer", "no ASN yet: the server does not know the card");
        }
        try {
            Optional<RemoteCard> rc = server.card(asn);
            if (rc.isEmpty()) {
                return m("answer", "the server does not know card " + asn);
            }
            String state = rc.get().state();
            Map<String, Object> out = m(
                    "answer",
                    "清分中心 Server: card " + asn + " state " + views.label("card-state", state),
                    "state",
                    state);
            server.account(asn).ifPresent(a -> out.put("balance", Amounts.format(a.chainBalance())));
            return out;
        } catch (ServerException e) {
            return m("answer", "清分中心 Server not reachable: " + e.getMessage());
        }
    }

    private static CardConnection reader(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        Readers readers = name.equals("sim") ? Readers.simulator(null) : Readers.pcsc();
        return readers.slot(name.equals("sim") ? BatchRuns.SIM_CARD_READER : name)
                .connect();
    }

    private static String settlement(Settlement s) {
        return s.pending() ? "待定 pending: " + s.reason() : s.status() + " " + Amounts.format(s.amount()) + " CNY";
    }
}
