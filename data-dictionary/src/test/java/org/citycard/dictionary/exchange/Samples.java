package org.citycard.dictionary.exchange;

import java.time.Instant;
import java.util.List;

/** One filled document of every type, valid against its schema. */
final class Samples {
    static final Instant CREATED = Instant.parse("2026-12-02T08:30:00Z");

    private Samples() {}

    static List<ExchangeDocument> all() {
        return List.of(registry(), contributions(), movements(), statement(), cardEvent(), notice());
    }

    static RegistryChange registry() {
        RegistryChange d = new RegistryChange().header("RC-PR01-000001", "PR01", "CENTRE", CREATED);
        RegistryChange.Person p = new RegistryChange.Person();
        p.registryChange = "N";
        p.citizenId = "11010519491231002X";
        p.name = "张三";
        p.sex = "2";
        p.birthDate = "19491231";
        p.address = "北京市朝阳区建国路1号";
        d.persons.add(p);
        RegistryChange.Person dead = new RegistryChange.Person();
        dead.registryChange = "D";
        dead.citizenId = "110105194912310029";
        dead.deathDate = "20261201";
        d.persons.add(dead);
        return d;
    }

    static Contributions contributions() {
        Contributions d = new Contributions().header("SC-SS01-000001", "SS01", "CENTRE", CREATED);
        Contributions.Contribution c = new Contributions.Contribution();
        c.citizenId = "11010519491231002X";
        c.contributionMonth = "202611";
        c.insuranceType = "110";
        c.contributionBase = 800000;
        c.employerAmount = 128000;
        c.personalAmount = 64000;
        c.payerName = "城市公交集团";
        d.contributions.add(c);
        return d;
    }

    static MedicalMovements movements() {
        MedicalMovements d = new MedicalMovements().header("MM-SS01-000001", "SS01", "CENTRE", CREATED);
        MedicalMovements.Movement m = new MedicalMovements.Movement();
        m.citizenId = "11010519491231002X";
        m.movementDate = "20261130";
        m.movementId = "SS01-20261130-0001";
        m.movementDirection = "I";
        m.amount = 25000;
        m.medicalBalance = 125000;
        m.movementDescription = "月度划入";
        d.movements.add(m);
        return d;
    }

    static ReconciliationStatement statement() {
        ReconciliationStatement d = new ReconciliationStatement().header("RS-0001-20261201", "CENTRE", "0001", CREATED);
        d.businessDate = "20261201";
        d.departmentCode = "0001";
        d.departmentName = "城市公交 Transit";
        d.purchaseCount = 1;
        d.grossAmount = 200;
        d.feeRateBp = "0050";
        d.feeAmount = 1;
        d.netAmount = 199;
        ReconciliationStatement.Purchase p = new ReconciliationStatement.Purchase();
        p.asn = "10000000000000000001";
        p.offlineSeq = "0001";
        p.terminalId = "000000000001";
        p.ttsn = "00000001";
        p.transactionDate = "20261201";
        p.transactionTime = "083000";
        p.amount = 200;
        p.tac = "A1B2C3D4";
        p.keyVersion = "01";
        p.algorithmId = "00";
        d.purchases.add(p);
        return d;
    }

    static CardStatusEvent cardEvent() {
        CardStatusEvent d = new CardStatusEvent().header("CE-00000001", "CENTRE", "0001", CREATED);
        d.cardEvent = "02";
        d.asn = "10000000000000000001";
        d.cardState = "70";
        d.eventTime = "20261202083000";
        return d;
    }

    static SettlementNotice notice() {
        SettlementNotice d = new SettlementNotice().header("SN-0001-20261201", "CENTRE", "0001", CREATED);
        d.businessDate = "20261201";
        d.departmentCode = "0001";
        d.purchaseCount = 1;
        d.grossAmount = 200;
        d.feeAmount = 1;
        d.netAmount = 199;
        d.bankCode = "102100099996";
        d.accountNumber = "6222020000000001";
        d.messageId = "CC20261201102100099996";
        return d;
    }
}
