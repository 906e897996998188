package org.citycard.clearing.support;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.citycard.clearing.reference.Card;
import org.citycard.clearing.reference.CardStates;
import org.citycard.clearing.reference.Department;
import org.citycard.clearing.reference.ReferenceService;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.wire.TerminalType;

/** Unique reference data for tests that share one database, and the test JVM's own data directory. */
public final class TestData {
    /**
     * The data directory of the full-context tests: the build gives each run a fresh one (system property
     * citycard.data-dir, see the module's pom), so reruns never see an old database.
     */
    public static final Path DATA_DIR = Path.of(System.getProperty(
                    "citycard.data-dir",
                    Path.of("target", "test-data", UUID.randomUUID().toString().substring(0, 8))
                            .toString()))
            .toAbsolutePath();

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ReferenceService reference;

    public TestData(ReferenceService reference) {
        this.reference = reference;
    }

    /** A department code no department of this database has (yet): for records of an unknown department. */
    public String unusedDepartmentCode() {
        while (true) {
            String code = String.format("%04d", unique() % 10_000);
            try {
                reference.department(code);
            } catch (NotFoundException e) {
                return code;
            }
        }
    }

    public static long unique() {
        return NEXT.incrementAndGet();
    }

    /** A new department with the fee rate (basis points), of category 01 (public transit). */
    public String department(int feeRateBp) {
        return department(feeRateBp, "01");
    }

    /** A new department with the fee rate (basis points) and a category of the dictionary's department-category. */
    public String department(int feeRateBp, String category) {
        String code = unusedDepartmentCode();
        reference.createDepartment(
                new Department(code, "测试部门" + code, category, "102100099996", "6222020200112233", "测试部门账户", feeRateBp));
        return code;
    }

    /** A new counter (a counter may send everything any terminal may). */
    public String terminal(String department) {
        return terminal(department, TerminalType.COUNTER);
    }

    public String terminal(String department, TerminalType type) {
        String id = String.format("%012d", unique() % 1_000_000_000_000L);
        reference.createTerminal(new Terminal(id, department, String.format("%020d", unique()), true, type.code()));
        return id;
    }

    public String card() {
        return card(org.citycard.dictionary.crypto.Algorithm.TDES);
    }

    /** A new active card registered with the algorithm of its keys (00 3DES, 04 SM4). */
    public String card(org.citycard.dictionary.crypto.Algorithm algorithm) {
        String asn = "3100" + String.format("%016d", unique());
        reference.registerCard(new Card(asn, CardStates.ACTIVE, null, algorithm.code()), 0);
        return asn;
    }

    /** Today's date and the time {@code plusSeconds} from now in the business zone. */
    public static String[] dateTime(long plusSeconds) {
        LocalDateTime t = LocalDateTime.now(ZONE).plusSeconds(plusSeconds);
        return new String[] {t.format(DateTimeFormatter.BASIC_ISO_DATE), t.format(DateTimeFormatter.ofPattern("HHmmss"))
        };
    }
}
