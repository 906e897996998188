package org.citycard.agent.journal;

/**
 * An online load and where it stands. The states follow CARD-SPEC §4.2 and DESIGN §3.2:
 *
 * <pre>
 * REQUESTED ──0110 00──► AUTHORISED ──CREDIT ok──► CREDITED ──0230──► COMPLETED
 *     │                      │  └─answer lost──► UNCERTAIN ──PROVE ok──► CREDITED
 *     │                      │                        └────PROVE 9406──► REVERSAL_DUE
 *     ├─0110 declined──► DECLINED   └─CREDIT refused──► REVERSAL_DUE ──0410──► REVERSED
 *     └─no answer / crash──► REVERSAL_DUE
 * </pre>
 */
public record LoadEvent(
        long id,
        State state,
        String asn,
        int onlineSeq,
        long amount,
        long balanceBefore,
        String terminalId,
        String department,
        int stan,
        String requestDate,
        String requestTime,
        String initData,
        String mac2,
        String hostDate,
        String hostTime,
        String rrn,
        String responseCode,
        String tac) {

    public enum State {
        REQUESTED,
        AUTHORISED,
        DECLINED,
        UNCERTAIN,
        CREDITED,
        COMPLETED,
        REVERSAL_DUE,
        REVERSED
    }
}
