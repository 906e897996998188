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

    /** The departments of a chart's bars, read in one script (the page may redraw meanwhile). */
    @SuppressWarnings("unchecked")
    List<String> departmentsOfBars(String chart) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return [...document.querySelectorAll(arguments[0] + ' svg rect.bar')]"
                                + ".map(b => b.getAttribute('data-department'))",
                        chart);
    }

    @Test
    void staffLogIn_seeTheChartsOfTheDemoDay_andDownloadABankFile() throws Exception {
        SettlementFixture f = fixture();
        String day = f.newDay();
        String transit = f.department(SettlementFixture.BANK_A, 30);
        String water = f.department(SettlementFixture.BANK_B, 10);
        String terminal = f.terminal(transit);
        HostCardModel card = f.card(90_000, terminal, transit);
        f.upload(
                terminal,
                f.purchase(card, 12_00, terminal, transit),
                f.purchase(card, 3_50, terminal, transit),
                f.purchase(card, 86_40, terminal, water));
        f.dayClose.close(day, "admin", CloseProgress.NONE);
        // after the close the current business day is the next one: a late purchase is today's
        f.upload(terminal, f.purchase(card, 5_00, terminal, water));
        String user = "staff" + TestData.unique();
        String password = staffUser(user, "ADMIN", "STAFF");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

        browser.get("http://localhost:" + port + "/dashboard/");
        wait.until(d -> d.getCurrentUrl().contains("login.html"));
        wait.until(d -> !d.findElement(By.id("csrf")).getAttribute("value").isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin")).click();

        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(departmentsOfBars("#amountChart")).contains(transit, water);
        assertThat(departmentsOfBars("#todayChart")).containsExactly(water);
        assertThat(browser.findElement(By.id("settlements")).getText()).contains(day);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("日结", "Settlement per day");
        Path shot = Path.of("target", "dashboard.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        String msgId = "CCS" + day + SettlementFixture.BANK_A;
        WebElement link =
                browser.findElement(By.cssSelector("#files a.download[href*='pain.001.001.03-" + msgId + ".xml']"));
        link.click();
        Path file = downloads.resolve("pain.001.001.03-" + msgId + ".xml");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.exists(file));
        assertThat(Files.readString(file)).contains("<MsgId>" + msgId + "</MsgId>", "urn:iso:std:iso:20022");
    }
}
