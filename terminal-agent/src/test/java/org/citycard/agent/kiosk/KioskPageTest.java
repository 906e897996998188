package org.citycard.agent.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.citycard.agent.session.TapRequest;
import org.citycard.agent.testing.SimRig;
import org.citycard.applet.sim.SimulatedCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The kiosk page in headless Chromium (Debian's chromium + chromedriver): a simulated card tapped on the agent's
 * reader shows its balance live, then a water bill is paid by tapping again and the receipt appears. Screenshots
 * are saved under target/. Skipped with a message where chromium or chromedriver is missing.
 */
class KioskPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path profile;

    @Test
    void tapSeeBalancePayABill() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: the kiosk page test needs Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver)");
        try (SimRig rig = new SimRig().loop();
                KioskServer pages = KioskServer.start(rig.agent, 0)) {
            rig.agent.taps().idleRequest(new TapRequest.Query(false));
            SimulatedCard card = rig.card("31000000000000077777", 5_000);
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
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            WebDriver web = new ChromeDriver(service, o);
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/kiosk");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "connected"));
                assertThat(web.findElement(By.id("promptEn")).getText()).isEqualTo("Tap your card");

                rig.tap(card);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "50.00"));
                shot(web, "kiosk-balance.png");

                new Select(web.findElement(By.id("department"))).selectByValue("0201");
                web.findElement(By.id("payee")).sendKeys("W-2026-0042");
                web.findElement(By.id("amount")).sendKeys("12.34");
                web.findElement(By.id("payBtn")).click();
                wait.until(d -> rig.agent.taps().armedRequest() != null);
                rig.tap(card);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("receipt"), "W-2026-0042"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "37.66"));
                assertThat(web.findElement(By.id("receipt")).getText()).contains("12.34");
                shot(web, "kiosk-receipt.png");

                // with the PIN pad: the holder, masked
                rig.agent.taps().idleRequest(new TapRequest.Query(true));
                rig.agent.taps().pinWait(20_000);
                Thread pinTap = new Thread(() -> {
                    try {
                        rig.tap(card, e -> !e.type().equals("balance"), 25_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                pinTap.start();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin")));
                web.findElement(By.id("pin")).sendKeys("123456");
                web.findElement(By.id("pinOk")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ssn"), "*"));
                pinTap.join(20_000);
                assertThat(web.findElement(By.id("holder")).getText()).contains("*");
                assertThat(web.findElement(By.id("pin")).getDomProperty("value"))
                        .as("the PIN field is cleared")
                        .isEmpty();
                shot(web, "kiosk-holder.png");
            } finally {
                web.quit();
            }
        }
    }

    @Test
    void counterLoadsACard() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: the counter page test needs Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver)");
        try (SimRig rig = new SimRig().loop();
                KioskServer pages = KioskServer.start(rig.agent, 0)) {
            SimulatedCard card = rig.card("31000000000000088888", 1_000);
            WebDriver web = browser();
            try {
                WebDriverWait wait = new WebDriverWait(web, Duration.ofSeconds(20));
                web.get("http://127.0.0.1:" + pages.port() + "/counter");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conn"), "connected"));
                web.findElement(By.id("loadAmount")).sendKeys("20.00");
                web.findElement(By.id("loadBtn")).click();
                wait.until(d -> rig.agent.taps().armedRequest() != null);
                rig.tap(card);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "30.00"));
                assertThat(web.findElement(By.id("message")).getText()).contains("Loaded");
                shot(web, "counter-loaded.png");
            } finally {
                web.quit();
            }
        }
    }

    private WebDriver browser() {
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
                "--window-size=1280,900",
                "--user-data-dir="
                        + profile.resolve("chromium-" + System.nanoTime()).toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, o);
    }

    private static void shot(WebDriver web, String name) throws Exception {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(
                ((TakesScreenshot) web).getScreenshotAs(OutputType.FILE).toPath(),
                target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
