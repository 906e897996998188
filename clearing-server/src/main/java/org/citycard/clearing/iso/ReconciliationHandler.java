package org.citycard.clearing.iso;

import org.citycard.clearing.ingest.ReconciliationService;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.iso8583.message.CityCardMessage;
import org.citycard.dictionary.iso8583.message.ReconciliationAnswer;
import org.citycard.dictionary.iso8583.message.ReconciliationRequest;
import org.citycard.dictionary.iso8583.message.Totals;
import org.jpos.iso.ISOMsg;
import org.springframework.stereotype.Component;

/** 0500 → 0510: the terminal's totals of a business date against the host's; 00 when they agree, 95 when not. */
@Component
class ReconciliationHandler implements IsoMessageHandler {
    private final ReconciliationService reconciliation;

    ReconciliationHandler(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public String mti() {
        return ReconciliationRequest.MTI;
    }

    @Override
    public CityCardMessage handle(ISOMsg m, Terminal terminal) {
        ReconciliationRequest request = ReconciliationRequest.read(m);
        Totals t = request.totals();
        ReconciliationService.Totals theirs =
                new ReconciliationService.Totals(t.credits(), t.creditAmount(), t.debits(), t.debitAmount());
        ReconciliationService.Result r =
                reconciliation.reconcile(terminal.terminalId(), request.businessDate(), request.batchNumber(), theirs);
        ReconciliationService.Totals host = r.host();
        return ReconciliationAnswer.answering(
                request,
                r.response(),
                new Totals(host.creditCount(), host.creditAmount(), host.debitCount(), host.debitAmount()));
    }
}
