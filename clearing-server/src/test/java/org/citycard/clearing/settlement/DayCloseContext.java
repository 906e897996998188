package org.citycard.clearing.settlement;

import org.citycard.clearing.support.MutableClock;
import org.citycard.clearing.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The full server for day-close tests, on its own embedded database beside the other tests' (closing a day must
 * not move their records) and with a clock the tests move between business days. Every test class that extends this
 * shares one context; the PostgreSQL variants share the data directory (bank files of distinct days, one demo
 * signing key).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"citycard.settlement.records-wait=PT2H"})
@Import(MutableClock.Config.class)
public abstract class DayCloseContext {
    @Autowired
    protected ApplicationContext context;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", () -> TestData.DATA_DIR + "-dayclose");
    }

    protected SettlementFixture fixture() {
        return new SettlementFixture(context);
    }

    /**
     * A new staff user with the roles, returning its password: the Derby and PostgreSQL contexts share the data
     * directory, so the first administrator's password file belongs to whichever started last.
     */
    protected String staffUser(String username, String... roles) {
        String password = "pw-" + java.util.UUID.randomUUID();
        context.getBean(org.citycard.clearing.security.StaffUsers.class)
                .add(username, password, java.util.List.of(roles));
        return password;
    }
}
