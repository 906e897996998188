package org.citycard.dictionary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rights of DESIGN §3.8 as the dictionary's terminal-type table gives them. */
class TerminalTypeTest {
    @Test
    void loads_onlyFromCountersAndLoadMachines() {
        for (String mti : new String[] {"0100", "0220", "0400"}) {
            assertThat(TerminalType.COUNTER.maySend(mti)).as(mti).isTrue();
            assertThat(TerminalType.LOAD_MACHINE.maySend(mti)).as(mti).isTrue();
            assertThat(TerminalType.KIOSK.maySend(mti)).as(mti).isFalse();
            assertThat(TerminalType.DEPARTMENT.maySend(mti)).as(mti).isFalse();
        }
    }

    @Test
    void socialSecurityQueries_onlyFromKiosksAndCounters() {
        assertThat(TerminalType.KIOSK.mayCall(TerminalCall.SOCIAL_SECURITY)).isTrue();
        assertThat(TerminalType.COUNTER.mayCall(TerminalCall.SOCIAL_SECURITY)).isTrue();
        assertThat(TerminalType.LOAD_MACHINE.mayCall(TerminalCall.SOCIAL_SECURITY))
                .isFalse();
        assertThat(TerminalType.DEPARTMENT.mayCall(TerminalCall.SOCIAL_SECURITY))
                .isFalse();
    }

    @Test
    void uploads_whereOfflinePurchasesAreMade_signOnHotlistParametersAndReconciliation_forAll() {
        assertThat(TerminalType.KIOSK.maySend("0320")).isTrue();
        assertThat(TerminalType.DEPARTMENT.maySend("0320")).isTrue();
        assertThat(TerminalType.COUNTER.maySend("0320")).isTrue();
        assertThat(TerminalType.LOAD_MACHINE.maySend("0320")).isFalse();
        for (TerminalType t : TerminalType.values()) {
            assertThat(t.maySend("0800")).as(t.name()).isTrue();
            assertThat(t.maySend("0500")).as(t.name()).isTrue();
            assertThat(t.mayCall(TerminalCall.HOTLIST)).as(t.name()).isTrue();
            assertThat(t.mayCall(TerminalCall.PARAMETERS)).as(t.name()).isTrue();
            assertThat(TerminalType.of(t.code())).contains(t);
            assertThat(TerminalType.ofMode(t.mode())).contains(t);
        }
        assertThat(TerminalType.KIOSK.label()).isEqualTo("kiosk 自助终端");
        assertThat(TerminalType.of("99")).isEmpty();
    }

    @Test
    void callsAreFoundByPath_andOnlyUnderTheirOwnPaths() {
        assertThat(TerminalCall.of("/api/v1/terminal/hotlist")).contains(TerminalCall.HOTLIST);
        assertThat(TerminalCall.of("/api/v1/terminal/parameters")).contains(TerminalCall.PARAMETERS);
        assertThat(TerminalCall.of("/api/v1/terminal/cardholder/card")).contains(TerminalCall.SOCIAL_SECURITY);
        assertThat(TerminalCall.of("/api/v1/terminal/challenges")).contains(TerminalCall.CHALLENGE);
        assertThat(TerminalType.KIOSK.mayCall(TerminalCall.CHALLENGE)).isTrue();
        assertThat(TerminalType.COUNTER.mayCall(TerminalCall.CHALLENGE)).isTrue();
        assertThat(TerminalType.DEPARTMENT.mayCall(TerminalCall.CHALLENGE)).isFalse();
        assertThat(TerminalType.LOAD_MACHINE.mayCall(TerminalCall.CHALLENGE)).isFalse();
        assertThat(TerminalCall.of("/api/v1/terminal/hotlistX")).isEmpty();
        assertThat(TerminalCall.of("/api/v1/terminal/other")).isEmpty();
    }
}
