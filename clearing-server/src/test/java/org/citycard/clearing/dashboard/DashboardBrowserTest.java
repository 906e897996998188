package org.citycard.clearing.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.settlement.CloseProgress;
import org.citycard.clearing.settlement.DayCloseContext;
import org.citycard.clearing.settlement.SettlementFixture;
import org.citycard.clearing.support.TestData;
import org.citycard.clearing.testing.HostCardModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromedriver): a staff member logs in, sees the charts
 * drawn from a day of purchases and its settlement, and downloads a bank file. A screenshot is left in
 * target/dashboard.png. Skipped, saying so, where chromium or chromedriver is not installed.
 */
class DashboardBrowserTest extends DayCloseContext {
    static final Path CHROMIUM = Path.of(System.getProperty("citycard.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("citycard.chromedriver", "/usr/bin/chromedriver"));

    @LocalServerPort
    int port;

    WebDriver browser;
    Path downloads;

    @BeforeEach
    void browser() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: the dashboard browser test needs Debian's chromium and chromedriver (apt-get install -y"
                        + " chromium chromium-driver); not found at " + CHROMIUM + " and " + DRIVER);
        downloads = Files.createTempDirectory(Path.of("target"), "downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1800",
                "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium-profile-"));
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A chart's series as ECharts holds them: id (department code) → data, read with getInstanceByDom. */
    @SuppressWarnings("unchecked")
    Map<String, List<Number>> seriesOf(String chartId) {
        List<Map<String, Object>> series = (List<Map<String, Object>>) ((JavascriptExecutor) browser)
                .executeScript(
                        "const o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();"
                                + " return o.series.map(s => ({id: String(s.id), data: s.data}));",
                        chartId);
        Map<String, List<Number>> out = new java.util.LinkedHashMap<>();
        series.forEach(m -> out.put((String) m.get("id"), (List<Number>) m.get("data")));
        return out;
    }

    /** A JSON answer of the dashboard API, fetched by the page's own session. */
    @SuppressWarnings("unchecked")
    Map<String, Object> api(String path) {
        return (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.json()).then(done);",
                        path);
    }

    @Test
    void staffLogIn_seeTheChartsOfTheDemoDay_andDownloadABankFile() throws Exception {
        SettlementFixture f = fixture();
        String day = f.newDay();
        String transit = f.department(SettlementFixture.BANK_A, 30);
        String water = f.department(SettlementFixture.BANK_B, 10);
        String terminal = f.kiosk(); // takes bills for transit and water
        HostCardModel card = f.card(90_000, terminal, transit);
        f.upload(
                terminal,
                f.purchase(card, 12_00, terminal, transit),
                f.purchase(card, 3_50, terminal, transit),
                f.purchase(card, 86_40, terminal, water));
        f.dayClose.close(day, "admin", CloseProgress.NONE);
        DashboardQueries.Volumes afterClose =
                context.getBean(DashboardQueries.class).volumes(14);
        assertThat(afterClose.today()).isEqualTo(SettlementFixture.next(day));
        assertThat(afterClose.lastDayWithData())
                .as("the dashboard's 'today' is the day with data, not the empty day the close opened")
                .isEqualTo(day);
        // after the close the current business day is the next one: a late purchase is today's
        f.upload(terminal, f.purchase(card, 5_00, terminal, water));
        String user = "staff" + TestData.unique();
        String password = staffUser(user, "ADMIN", "STAFF");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        browser.get("http://localhost:" + port + "/dashboard/");
        wait.until(d -> d.getCurrentUrl().contains("login.html"));
        browser.get("http://localhost:" + port + "/");
        wait.until(d -> d.getCurrentUrl().contains("/dashboard/login.html"));
        wait.until(d -> !d.findElement(By.id("csrf")).getAttribute("value").isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin")).click();

        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        String today = (String) api("/dashboard/api/volumes?days=14").get("today");
        assertThat(browser.findElement(By.id("dayPicker")).getAttribute("value"))
                .as("the picker starts on the latest day with purchases")
                .isEqualTo(today);

        // the charts' data is the API's: amount in yuan and count per department and day
        @SuppressWarnings("unchecked")
        Map<String, Object> v = api("/dashboard/api/volumes?days=14&to=" + today);
        List<String> days = (List<String>) v.get("days");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) v.get("rows");
        Map<String, List<Number>> amounts = seriesOf("amountChart");
        Map<String, List<Number>> counts = seriesOf("countChart");
        assertThat(amounts.keySet()).contains(transit, water);
        for (String dep : amounts.keySet()) {
            for (int i = 0; i < days.size(); i++) {
                String dd = days.get(i);
                Map<String, Object> r = rows.stream()
                        .filter(x -> x.get("businessDate").equals(dd)
                                && x.get("departmentCode").equals(dep))
                        .findFirst()
                        .orElse(Map.of("amount", 0, "count", 0));
                assertThat(Math.round(amounts.get(dep).get(i).doubleValue() * 100))
                        .as("amount of %s on %s", dep, dd)
                        .isEqualTo(((Number) r.get("amount")).longValue());
                assertThat(counts.get(dep).get(i).longValue())
                        .as("count of %s on %s", dep, dd)
                        .isEqualTo(((Number) r.get("count")).longValue());
            }
        }
        assertThat(amounts.get(transit).get(days.indexOf(day)).doubleValue()).isEqualTo(15.50);
        assertThat(browser.findElement(By.id("settlements")).getText())
                .contains(day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("日结", "Settlement per day", "Fee = the department's total of the day");

        // the day picker: the closed day, its purchases per department and its settlement per department and bank
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("dayPicker"))).selectByValue(day);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        wait.until(d -> d.findElement(By.id("deptSettlement")).getText().contains(water));
        String perDept = browser.findElement(By.id("deptSettlement")).getText();
        assertThat(perDept).contains(transit, water, SettlementFixture.BANK_A, SettlementFixture.BANK_B, "0.30%");
        assertThat(browser.findElement(By.id("quarantineFilter")).getAttribute("value"))
                .isEqualTo("open");
        Path shot = Path.of("target", "dashboard.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // at 800 px the title and the user's name do not run into each other
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1200));
        wait.until(d -> d.findElement(By.cssSelector("header h1")).getRect().getWidth() <= 800);
        org.openqa.selenium.Rectangle title =
                browser.findElement(By.cssSelector("header h1")).getRect();
        org.openqa.selenium.Rectangle who =
                browser.findElement(By.cssSelector("header .who")).getRect();
        boolean apart = title.getX() + title.getWidth() <= who.getX() || title.getY() + title.getHeight() <= who.getY();
        assertThat(apart).as("title " + title + " and user " + who + " overlap").isTrue();
        Long scroll = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(scroll).as("no sideways scrolling at 800 px").isLessThanOrEqualTo(0L);
        Files.write(
                Path.of("target", "dashboard-800.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        String msgId = "CCS" + day + SettlementFixture.BANK_A;
        WebElement link =
                browser.findElement(By.cssSelector("#files a.download[href*='pain.001.001.03-" + msgId + ".xml']"));
        link.click();
        Path file = downloads.resolve("pain.001.001.03-" + msgId + ".xml");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.exists(file));
        assertThat(Files.readString(file)).contains("<MsgId>" + msgId + "</MsgId>", "urn:iso:std:iso:20022");
    }

    /**
     * An account whose password an administrator reset (issue 15, forced change on by default) signs in and sees only
     * the change form, no data; after the change the dashboard is there.
     */
    @Test
    void aResetAccount_seesOnlyTheChangeForm_thenTheDashboard() {
        String user = "reset" + TestData.unique();
        staffUser(user, "STAFF");
        String temporary = "a temporary password from the admin";
        context.getBean(org.citycard.clearing.security.StaffUsers.class).resetPassword(user, temporary);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        browser.get("http://localhost:" + port + "/dashboard/login.html");
        wait.until(d -> !d.findElement(By.id("csrf")).getAttribute("value").isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(temporary);
        browser.findElement(By.id("signin")).click();

        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("changePassword")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("settlements")).isDisplayed())
                .as("no data for a pending change")
                .isFalse();
        assertThat(browser.findElement(By.id("user")).getText()).isEmpty();

        browser.findElement(By.id("pwCurrent")).sendKeys(temporary);
        browser.findElement(By.id("pwNew")).sendKeys("the clerk's own dashboard password");
        browser.findElement(By.cssSelector("#changeForm button")).click();

        wait.until(d -> user.equals(d.findElement(By.id("user")).getText()));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("changePassword")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("settlements")).isDisplayed()).isTrue();
        assertThat(context.getBean(org.citycard.clearing.security.StaffUsers.class)
                        .mustChangePassword(user))
                .isFalse();
    }
}
