package org.citycard.agent.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The kiosk and counter pages in headless Chromium (Debian's chromium + chromedriver) against a real agent on
 * simulated cards: a bill paid one step at a time, a wrong PIN and its retry on the same tap, the out-of-service
 * screen when the server and then the agent stop, the simulated reader's take-out / put-back control, a load at
 * the counter. Screenshots go to target/ (landscape 1920×1080 and portrait 1080×1920). Skipped with a message where
 * chromium or chromedriver is missing.
 */
class KioskPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String LANDSCAPE = "1920,1080";
    private static final String PORTRAIT = "1080,1920";

    @TempDir
    Path profile;

    @BeforeEach
    void needsChromium() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: the kiosk page tests need Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver)");
    }

    @Test
    void payABill_oneStepAtATime_withFormattedReceipt() throws Exception {
        try (SimRig rig = new SimRig().loop();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null))) {
            rig.agent.taps().idleRequest(new TapRequest.Query(false));
            SimulatedCard card = rig.card("31000000000000077777", 5_000);
            WebDriver web = browser(LANDSCAPE);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                assertThat(visibleScreens(web)).containsExactly("screen-home");
                assertThat(px(web, "#screen-home .prompt .zh", "fontSize")).isGreaterThanOrEqualTo(48);
                assertThat(px(web, "#screen-home .prompt .en", "fontSize")).isGreaterThanOrEqualTo(48);
                assertThat(px(web, "body", "fontSize")).isGreaterThanOrEqualTo(24);
                assertThat(px(web, "#screen-home .hint .en", "fontSize")).isGreaterThanOrEqualTo(24);
                shot(web, "kiosk-landscape-home.png");

                rig.put(card, e -> true, 15_000);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#screen-balance .money"), "¥50.00"));
                assertThat(visibleScreens(web)).containsExactly("screen-balance");
                String log = web.findElement(By.cssSelector("#screen-balance table.log"))
                        .getText();
                assertThat(log)
                        .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")
                        .contains("电子钱包圈存");
                assertThat(log.indexOf("电子钱包圈存")).isLessThan(log.indexOf("Purse load"));
                shot(web, "kiosk-landscape-balance.png");
                click(web, "#screen-balance button.done");
                rig.lift();

                click(web, "#payStart");
                assertThat(visibleScreens(web)).containsExactly("screen-payDept");
                click(web, "#departments button[data-code='0201']");
                assertThat(visibleScreens(web)).containsExactly("screen-payBill");
                web.findElement(By.id("payee")).sendKeys("W-2026-0042");
                click(web, "#billNext");
                web.findElement(By.id("amount")).sendKeys("abc");
                click(web, "#payBtn");
                assertThat(web.findElement(By.id("amountError")).getText()).contains("例如 12.50");
                assertThat(rig.agent.taps().armedRequest())
                        .as("a bad amount arms nothing")
                        .isNull();
                web.findElement(By.id("amount")).clear();
                web.findElement(By.id("amount")).sendKeys("12.34");
                click(web, "#payBtn");
                wait.until(d -> rig.agent.taps().armedRequest() != null);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payAmountShown"), "¥12.34"));
                assertThat(visibleScreens(web)).containsExactly("screen-payTap");
                rig.put(card, e -> true, 15_000);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt"), "W-2026-0042"));
                String receipt = web.findElement(By.id("receipt")).getText();
                assertThat(receipt)
                        .contains("¥12.34", "¥37.66")
                        .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")
                        .doesNotContainPattern("\\d{8} \\d{6}");
                assertThat(visibleScreens(web)).containsExactly("screen-receipt");
                shot(web, "kiosk-landscape-receipt.png");

                // the citizen takes the card out: the receipt, the bill and the balance leave the page
                rig.lift();
                wait.until(d -> visibleScreens(d).equals(List.of("screen-home")));
                assertThat(pageHolds(web))
                        .doesNotContain("W-2026-0042", "¥37.66", "¥12.34", "¥50.00", masked("31000000000000077777"));
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void wrongPin_saysTriesLeftInPlainWords_andTheRetryOnTheSameTapShowsTheHolder() throws Exception {
        try (SimRig rig = new SimRig().loop();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null))) {
            rig.agent.taps().idleRequest(new TapRequest.Query(true));
            rig.agent.taps().pinWait(30_000);
            SimulatedCard card = rig.card("31000000000000066666", 2_000);
            WebDriver web = browser(PORTRAIT);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(30));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                shot(web, "kiosk-portrait-home.png");
                Thread tap = new Thread(() -> {
                    try {
                        rig.put(
                                card,
                                e -> e.type().equals("identity") || e.type().equals("error"),
                                40_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                tap.start();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin")));
                assertThat(visibleScreens(web)).containsExactly("screen-pin");
                for (char c : "111111".toCharArray()) {
                    click(web, "#keypad button[aria-label='" + c + "']");
                }
                shot(web, "kiosk-portrait-pin.png");
                click(web, "#pinOk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problemZh"), "还可以再试 2 次"));
                assertThat(web.findElement(By.id("problemEn")).getText()).contains("try 2 more times");
                assertThat(web.findElement(By.tagName("body")).getText())
                        .as("no status word reaches the citizen")
                        .doesNotContainPattern("63C\\d")
                        .doesNotContain("verify");
                shot(web, "kiosk-portrait-wrong-pin.png");
                click(web, "#retryBtn");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin")));
                web.findElement(By.id("pin")).sendKeys("123456");
                click(web, "#pinOk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ssn"), "*"));
                tap.join(20_000);
                assertThat(web.findElement(By.id("holder")).getText()).contains("*");
                assertThat(web.findElement(By.id("pin")).getDomProperty("value"))
                        .as("the PIN field is cleared")
                        .isEmpty();
                assertThat(visibleScreens(web)).containsExactly("screen-identity");
                shot(web, "kiosk-portrait-holder.png");
                String name = web.findElement(By.id("holder")).getText();
                String number = web.findElement(By.id("ssn")).getText();
                assertThat(pageHolds(web)).contains(name, number, "¥20.00", "电子钱包圈存");

                // the card is taken out: no element of the page holds the holder's name, number, balance or records
                rig.lift();
                wait.until(d -> visibleScreens(d).equals(List.of("screen-home")));
                assertThat(pageHolds(web))
                        .doesNotContain(name, number, "¥20.00", "电子钱包圈存", masked("31000000000000066666"))
                        .doesNotContain("123456", "111111");
                assertThat(web.findElements(By.cssSelector("[data-field]")))
                        .extracting(WebElement::getText)
                        .allMatch(t -> t.equals("-") || t.isEmpty());
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void theLastHoldersData_leavesThePage_whenAnotherCardComes_andAfterTheIdleTime() throws Exception {
        // no tap loop: the taps run on the agent directly, so no card removal clears anything here
        try (SimRig rig = new SimRig();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null, 4_000))) {
            rig.agent.taps().idleRequest(new TapRequest.Query(true));
            rig.agent.taps().pinWait(30_000);
            SimulatedCard first = rig.card("31000000000000011111", 2_345);
            SimulatedCard second = rig.card("31000000000000022222", 6_789);
            WebDriver web = browser(LANDSCAPE);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                assertThat(web.findElement(By.cssSelector("meta[name='citycard-page-idle-ms']"))
                                .getAttribute("content"))
                        .isEqualTo("4000");

                // the first citizen reads their details with the PIN
                Runnable typesThePin = rig.agent.events().subscribe(ev -> {
                    if (ev.type().equals("pin")) {
                        rig.agent.taps().offerPin("123456".toCharArray());
                    }
                });
                assertThat(rig.agent.tap(SimRig.direct(first)).type()).isEqualTo("identity");
                typesThePin.run();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ssn"), "*"));
                String name = web.findElement(By.id("holder")).getText();
                String number = web.findElement(By.id("ssn")).getText();
                assertThat(pageHolds(web)).contains(name, number, "¥23.45", masked("31000000000000011111"));

                // the next citizen's card comes: while it waits for their PIN, nothing of the first holder is left
                Thread next = new Thread(() -> rig.agent.tap(SimRig.direct(second)));
                next.start();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin")));
                assertThat(visibleScreens(web)).containsExactly("screen-pin");
                assertThat(pageHolds(web))
                        .doesNotContain(name, number, "¥23.45", masked("31000000000000011111"))
                        .contains("¥67.89");
                assertThat(web.findElements(By.cssSelector("#screen-identity [data-field]")))
                        .extracting(WebElement::getText)
                        .allMatch(t -> t.equals("-") || t.isEmpty());

                // they give up at the pad and read their balance; then nobody touches the kiosk: after the idle
                // time (4 s here) the page is back at the start and holds nothing of them
                click(web, "#pinCancel");
                next.join(20_000);
                assertThat(next.isAlive()).isFalse();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#screen-balance .money"), "¥67.89"));
                assertThat(visibleScreens(web)).containsExactly("screen-balance");
                wait.until(d -> visibleScreens(d).equals(List.of("screen-home")));
                assertThat(pageHolds(web)).doesNotContain("¥67.89", masked("31000000000000022222"), "电子钱包圈存", "123456");
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void anArmedPaymentThatExpires_saysSoInBothLanguages_andTryAgainArmsItAgain() throws Exception {
        try (SimRig rig = new SimRig();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null))) {
            rig.agent.taps().armExpiry(Duration.ofSeconds(2));
            WebDriver web = browser(LANDSCAPE);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                click(web, "#payStart");
                click(web, "#departments button[data-code='0201']");
                web.findElement(By.id("payee")).sendKeys("W-2026-0043");
                click(web, "#billNext");
                web.findElement(By.id("amount")).sendKeys("8.00");
                click(web, "#payBtn");
                wait.until(d -> visibleScreens(d).equals(List.of("screen-payTap")));
                assertThat(rig.agent.taps().armedRequest()).isNotNull();
                // nobody taps: after 2 s the agent forgets the payment and the page says so
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problemZh"), "刷卡时间已过"));
                assertThat(web.findElement(By.id("problemEn")).getText()).contains("The time to tap the card is up");
                assertThat(rig.agent.taps().armedRequest()).isNull();
                click(web, "#retryBtn");
                wait.until(d -> visibleScreens(d).equals(List.of("screen-payTap")));
                assertThat(rig.agent.taps().armedRequest())
                        .isInstanceOfSatisfying(
                                TapRequest.Pay.class,
                                p -> assertThat(p.purchase().amount()).isEqualTo(800));
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void anExpiredCard_isRefusedOffline_andThePageSaysWhyInBothLanguages_aCounterNearItsEndIsWarnedOnTheReceipt()
            throws Exception {
        try (SimRig rig = new SimRig().loop();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null))) {
            java.time.LocalDate today = java.time.LocalDate.now();
            SimulatedCard expired = rig.card("31000000000000077778", 5_000, today.minusYears(10), today.minusDays(1));
            WebDriver web = browser(LANDSCAPE);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                rig.agent
                        .taps()
                        .arm(new TapRequest.Pay(
                                new org.citycard.agent.purse.PurchaseRequest(800, "0201", "W-9", null)));
                rig.put(expired, e -> true, 15_000);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problemZh"), "此卡已过有效期"));
                assertThat(web.findElement(By.id("problemEn")).getText())
                        .isEqualTo("This card has expired. Please get a new one at a service counter.");
                assertThat(visibleScreens(web)).containsExactly("screen-problem");
                shot(web, "kiosk-landscape-expired.png");
                rig.lift();

                // the warning value moved down to a new card's counter (the simulator starts counters at 0)
                rig.journal.lists().applyParameters("5", java.util.Map.of("offlineCounterWarning", "0"));
                SimulatedCard card = rig.card("31000000000000077779", 5_000);
                rig.agent
                        .taps()
                        .arm(new TapRequest.Pay(
                                new org.citycard.agent.purse.PurchaseRequest(800, "0201", "W-10", null)));
                rig.put(card, e -> true, 15_000);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt"), "W-10"));
                assertThat(web.findElement(By.id("receipt")).getText())
                        .contains(
                                "即将用完",
                                "This card has only a few payments left. Please replace it at a service counter soon.");
                shot(web, "kiosk-landscape-counter-warning.png");
                rig.lift();
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void aPinWhileNoCardWaits_isRefused_inBothLanguages() throws Exception {
        try (SimRig rig = new SimRig();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null))) {
            WebDriver web = browser(LANDSCAPE);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                // the PIN screen left on (its query has given up): the PIN typed now is not kept
                ((JavascriptExecutor) web)
                        .executeScript("document.querySelectorAll('.screen').forEach((s) =>"
                                + " s.classList.toggle('current', s.id === 'screen-pin'));");
                web.findElement(By.id("pin")).sendKeys("123456");
                click(web, "#pinOk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problemZh"), "密码未保存"));
                assertThat(web.findElement(By.id("problemEn")).getText())
                        .startsWith("No card is waiting for a PIN")
                        .contains("not kept");
                assertThat(web.findElement(By.id("retryBtn")).isDisplayed()).isFalse();
                assertThat(px(web, "#problemZh", "fontSize")).isGreaterThanOrEqualTo(32);
                assertThat(pageHolds(web)).doesNotContain("123456");
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void outOfService_whenTheServerStops_andWhenTheAgentStops() throws Exception {
        SimRig rig = new SimRig();
        KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null));
        WebDriver web = browser(LANDSCAPE);
        try {
            WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
            web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
            assertThat(web.findElement(By.id("outOfService")).isDisplayed()).isFalse();

            rig.host.stop();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outOfService")));
            assertThat(web.findElement(By.id("outOfService")).getText())
                    .contains("暂停服务", "Out of service", "暂时连不上市民卡中心");
            assertThat(web.findElement(By.id("hostStatus")).getText()).contains("not reachable");
            shot(web, "kiosk-out-of-service.png");

            rig.host.listen();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("outOfService")));

            pages.close();
            rig.close();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outOfService")));
            assertThat(web.findElement(By.id("outOfService")).getText())
                    .contains("暂停服务", "Out of service", "not answering");
            assertThat(web.findElement(By.id("hostStatus")).getText()).contains("Terminal not answering");
        } finally {
            web.quit();
            pages.close();
            rig.close();
        }
    }

    @Test
    void simulatedReader_cardTakenOutAndPutBack_isANewTap() throws Exception {
        try (SimRig rig = new SimRig().loop()) {
            SimulatedCard card = rig.card("31000000000000055555", 3_000);
            CardSlot slot = new CardSlot() {
                private SimulatedCard out;

                @Override
                public synchronized boolean present() {
                    return rig.cardReader.isCardPresent();
                }

                @Override
                public synchronized void remove() {
                    rig.cardReader.remove().ifPresent(c -> out = c);
                }

                @Override
                public synchronized void insert() {
                    if (out != null) {
                        rig.cardReader.insert(out);
                        out = null;
                    }
                }
            };
            AtomicInteger balances = new AtomicInteger();
            rig.agent.events().subscribe(e -> {
                if (e.type().equals("balance")) {
                    balances.incrementAndGet();
                }
            });
            try (KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, slot))) {
                rig.agent.taps().idleRequest(new TapRequest.Query(false));
                WebDriver web = browser(LANDSCAPE);
                try {
                    WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                    rig.cardReader.insert(card);
                    web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("simBar")));
                    wait.until(d -> balances.get() == 1);
                    click(web, "#simRemove");
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("simState"), "reader empty"));
                    assertThat(rig.cardReader.isCardPresent()).isFalse();
                    click(web, "#simInsert");
                    wait.until(d -> balances.get() == 2);
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("#screen-balance .money"), "¥30.00"));
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(
                            By.id("simState"), "card on the reader"));
                } finally {
                    web.quit();
                }
            }
        }
    }

    @Test
    void counterLoadsACard() throws Exception {
        try (SimRig rig = new SimRig().loop();
                KioskServer pages = KioskServer.start(rig.agent, 0, new KioskServer.Options(300, null))) {
            SimulatedCard card = rig.card("31000000000000088888", 1_000);
            WebDriver web = browser(LANDSCAPE);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/counter");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hostStatus"), "In service"));
                web.findElement(By.id("loadAmount")).sendKeys("20.00");
                click(web, "#loadBtn");
                wait.until(d -> rig.agent.taps().armedRequest() != null);
                assertThat(web.findElement(By.id("loadAmountShown")).getText()).isEqualTo("¥20.00");
                rig.put(card, e -> true, 15_000);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("loadReceipt"), "¥30.00"));
                assertThat(web.findElement(By.id("loadReceipt")).getText()).contains("¥20.00");
                assertThat(visibleScreens(web)).containsExactly("screen-loaded");
                shot(web, "counter-loaded.png");
                rig.lift();
                wait.until(d -> visibleScreens(d).equals(List.of("screen-home")));
                assertThat(pageHolds(web)).doesNotContain("¥30.00", "¥20.00", masked("31000000000000088888"));
            } finally {
                web.quit();
            }
        }
    }

    /** Everything the page holds: its whole DOM (hidden screens too) and what its inputs hold. */
    private static String pageHolds(WebDriver web) {
        return (String) ((JavascriptExecutor) web)
                .executeScript("return document.documentElement.outerHTML + '\\n' + Array.from("
                        + "document.querySelectorAll('input')).map((i) => i.value).join('\\n');");
    }

    /** The card number as the pages show it. */
    private static String masked(String asn) {
        return org.citycard.agent.journal.Journal.mask(asn);
    }

    private static void click(WebDriver web, String css) {
        new WebDriverWait(web, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
                .click();
    }

    private static List<String> visibleScreens(WebDriver web) {
        return web.findElements(By.cssSelector(".screen")).stream()
                .filter(WebElement::isDisplayed)
                .map(e -> e.getAttribute("id"))
                .toList();
    }

    private static double px(WebDriver web, String css, String property) {
        Object v = ((JavascriptExecutor) web)
                .executeScript(
                        "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];", css, property);
        return Double.parseDouble(String.valueOf(v).replace("px", ""));
    }

    private WebDriver browser(String size) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=" + size,
                "--user-data-dir="
                        + profile.resolve("chromium-" + System.nanoTime()).toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver web = new ChromeDriver(service, o);
        String[] wh = size.split(",");
        // the viewport itself at the kiosk screen's size (a headless window's size includes its frame)
        web.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                java.util.Map.of(
                        "width",
                        Integer.parseInt(wh[0]),
                        "height",
                        Integer.parseInt(wh[1]),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        false));
        return web;
    }

    private static void shot(WebDriver web, String name) throws Exception {
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(
                ((TakesScreenshot) web).getScreenshotAs(OutputType.FILE).toPath(),
                target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
