package org.citycard.issuance.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citycard.issuance.server.CardRegistryClient;
import org.citycard.issuance.server.CardReport;
import org.citycard.issuance.server.RefundAccount;
import org.citycard.issuance.server.RemoteCard;
import org.citycard.issuance.server.ServerException;
import org.citycard.issuance.server.Settlement;
import org.citycard.issuance.server.ShadowAccount;

/** An in-memory clearing server for tests of the tool's services (the HTTP client has its own test). */
public final class RecordingRegistry implements CardRegistryClient {
    public final Map<String, RemoteCard> cards = new LinkedHashMap<>();
    public final Map<String, ShadowAccount> accounts = new LinkedHashMap<>();
    public final List<String> hotlist = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    /** The cards as reported (with their algorithm), by ASN. */
    public final Map<String, CardReport> reports = new LinkedHashMap<>();

    public boolean down;
    /** The audit chain heads reported, in order. */
    public final List<org.citycard.issuance.server.AuditHead> heads = new ArrayList<>();

    private void check(String call) {
        calls.add(call);
        if (down) {
            throw new ServerException(-1, "test server down");
        }
    }

    @Override
    public RemoteCard register(CardReport r) {
        check("register " + r.asn());
        RemoteCard c = new RemoteCard(r.asn(), r.state(), r.expiryDate());
        cards.putIfAbsent(r.asn(), c);
        reports.putIfAbsent(r.asn(), r);
        accounts.putIfAbsent(r.asn(), new ShadowAccount(r.asn(), 0, 0, 0));
        return cards.get(r.asn());
    }

    @Override
    public void reportAuditHead(org.citycard.issuance.server.AuditHead head) {
        check("audit head " + head.seq());
        heads.add(head);
    }

    @Override
    public Optional<org.citycard.issuance.server.AuditHead> auditHead() {
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(heads.size() - 1));
    }

    @Override
    public Optional<RemoteCard> card(String asn) {
        check("card " + asn);
        return Optional.ofNullable(cards.get(asn));
    }

    @Override
    public Optional<ShadowAccount> account(String asn) {
        check("account " + asn);
        return Optional.ofNullable(accounts.get(asn));
    }

    /** The key version each re-keyed card was reported at (issue 22). */
    public final Map<String, Integer> keyVersions = new LinkedHashMap<>();

    @Override
    public RemoteCard rekeyed(String asn, int keyVersion) {
        check("rekeyed " + asn + " " + keyVersion);
        keyVersions.put(asn, keyVersion);
        return cards.get(asn);
    }

    @Override
    public RemoteCard changeState(String asn, String state) {
        check("state " + asn + " " + state);
        RemoteCard c = new RemoteCard(asn, state, cards.get(asn).expiryDate());
        cards.put(asn, c);
        return c;
    }

    @Override
    public void hotlist(String asn, String reason) {
        check("hotlist " + asn);
        if (!hotlist.contains(asn)) {
            hotlist.add(asn);
        }
    }

    @Override
    public void unhotlist(String asn) {
        check("unhotlist " + asn);
        hotlist.remove(asn);
    }

    @Override
    public Settlement moveBalance(String oldAsn, String newAsn) {
        check("move " + oldAsn + " " + newAsn);
        ShadowAccount old = accounts.get(oldAsn);
        if (!old.settled()) {
            return new Settlement("PENDING", 0, old.held() + " records held");
        }
        accounts.put(oldAsn, new ShadowAccount(oldAsn, 0, 0, 0));
        ShadowAccount n = accounts.get(newAsn);
        accounts.put(newAsn, new ShadowAccount(newAsn, n.chainBalance() + old.chainBalance(), 0, 0));
        return new Settlement("MOVED", old.chainBalance(), null);
    }

    /** The deposits the server holds (taken and not refunded), by ASN. */
    public final Map<String, Long> deposits = new LinkedHashMap<>();

    @Override
    public Settlement takeDeposit(String asn, long amount) {
        check("deposit " + asn + " " + amount);
        deposits.putIfAbsent(asn, amount);
        return new Settlement("HELD", deposits.get(asn), null);
    }

    @Override
    public Settlement refundDepositInCash(String asn) {
        check("deposit cash refund " + asn);
        Long d = deposits.remove(asn);
        if (d == null) {
            throw new ServerException(409, "the deposit of card " + asn + " was refunded already");
        }
        return new Settlement("REFUNDED", d, null);
    }

    @Override
    public Settlement refund(String asn, RefundAccount account) {
        check("refund " + asn);
        ShadowAccount a = accounts.get(asn);
        if (!a.settled()) {
            return new Settlement("PENDING", 0, a.held() + " records held");
        }
        accounts.put(asn, new ShadowAccount(asn, 0, 0, 0));
        return new Settlement("REFUNDED", a.chainBalance(), null);
    }
}
