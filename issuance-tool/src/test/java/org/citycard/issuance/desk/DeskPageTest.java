package org.citycard.issuance.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.staff.Staff;
import org.citycard.issuance.support.ClearingStub;
import org.citycard.issuance.support.People;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardRepository;
import org.citycard.issuance.workflow.CardState;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk in headless Chromium (Debian's chromium + chromedriver), a day at the card centre on a fresh data
 * directory: the first supervisor is created on the page and adds the staff; a clerk enrols a citizen, correcting a
 * mistyped ID number and a refused phone number on the form, is warned when typing an ID already enrolled, and
 * uploads a CSV with its photographs (one line refused); a reviewer compares and rejects the flagged applicant with
 * the registry's record beside; an operator runs a batch of 5 simulated cards until the progress shows 5/5; the
 * clerk hands a card over, activates it and takes its loss report, which reaches the clearing server's hotlist over
 * HTTP; a supervisor finds the citizen by name and sees the timeline with the audit entries. Screenshots under
 * target/. Skipped with a message where chromium or chromedriver is missing.
 */
class DeskPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "a long desk password";

    @TempDir
    Path dir;

    WebDriver web;
    WebDriverWait wait;

    @Test
    void aDayAtTheCardCentre_fromTheFirstSupervisorToALossReportOnTheServersHotlist() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "SKIPPED: the desk page test needs Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver)");
        try (IssuanceTool tool = IssuanceTool.open(
                        dir.resolve("data"), org.citycard.issuance.support.Fixture.BOOT_PASSWORD.clone());
                ClearingStub clearing = new ClearingStub();
                DeskServer desk = DeskServer.start(tool, clearing.client(), "127.0.0.1", 0, Duration.ofMinutes(15))) {
            web = browser();
            wait = new WebDriverWait(web, Duration.ofSeconds(30));
            try {
                String base = "http://127.0.0.1:" + desk.port();
                web.get(base + "/desk");

                // the first supervisor, created on the page of a fresh data directory, adds the staff
                visible("bootUser").sendKeys("sup");
                type("bootName", "王主管");
                type("bootPassword", PASSWORD);
                click("bootBtn");
                login("sup");
                click("nav-staff");
                for (String[] s :
                        new String[][] {{"clerk", "李采集", "clerk"}, {"rev", "张审核", "reviewer"}, {"op", "赵制卡", "operator"}
                        }) {
                    clear("staffUser").sendKeys(s[0]);
                    clear("staffName").sendKeys(s[1]);
                    new Select(web.findElement(By.id("staffRole"))).selectByValue(s[2]);
                    type("staffPassword", PASSWORD);
                    click("staffAddBtn");
                    text("staffResult", "Added: " + s[0]);
                }
                Staff sup = tool.staff().authenticate("sup", PASSWORD.toCharArray());
                registry(tool, sup);

                // the clerk enrols, correcting one wrong field after another on the form
                login("clerk");
                assertThat(web.findElement(By.id("nav-review")).isDisplayed()).isFalse();
                String idA = People.id(1);
                char wrong = idA.charAt(17) == '0' ? '1' : '0';
                visible("f-citizen_id").sendKeys(idA.substring(0, 17) + wrong);
                text("hint-citizen_id", "check character: expected " + idA.charAt(17));
                assertThat(web.findElement(By.id("f-citizen_id")).getDomAttribute("aria-invalid"))
                        .isEqualTo("true");
                clear("f-citizen_id").sendKeys(idA);
                text("hint-citizen_id", "✓");
                wait.until(d -> d.findElement(By.id("f-birth_date"))
                        .getDomProperty("value")
                        .equals(People.birth(idA)));
                assertThat(web.findElement(By.id("f-sex")).getDomProperty("value"))
                        .startsWith(People.sex(idA));
                type("f-name", People.name(1));
                text("hint-name", "bytes GB 18030");
                type("f-phone", "12");
                Path photoA = People.photoFile(dir, "a.jpg", People.jpeg(1001));
                web.findElement(By.id("f-photo")).sendKeys(photoA.toString());
                text("hint-photo", "✓ a.jpg");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("photoPreview")));
                wait.until(d -> d.findElement(By.id("hint-phone"))
                        .getDomAttribute("class")
                        .contains("bad"));
                shot("desk-enrol-form.png");
                click("enrolBtn");
                text("enrolResult", "phone '12'");
                clear("f-phone");
                click("enrolBtn");
                text("enrolResult", "Enrolled: application 1000001");
                shot("desk-enrolled.png");

                // typing an ID already enrolled warns at once
                visible("f-citizen_id").sendKeys(idA);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dupWarning")));
                assertThat(web.findElement(By.id("dupWarning")).getText())
                        .contains("Already enrolled: application 1000001");
                shot("desk-duplicate-warning.png");
                clear("f-citizen_id");

                // a CSV file with its photographs; one line refused
                Path csv = csv();
                web.findElement(By.id("csvFile")).sendKeys(csv.toString());
                List<String> photos = new ArrayList<>();
                for (int i : new int[] {2, 3, 4, 5, 7, 8}) {
                    photos.add(People.photoFile(dir.resolve("photos"), "p" + i + ".jpg", People.jpeg(i * 7919L))
                            .toString());
                }
                web.findElement(By.id("csvPhotos")).sendKeys(String.join("\n", photos));
                click("csvBtn");
                text("csvResult", "5 已登记 enrolled, 1 行被拒 rows refused");
                assertThat(web.findElement(By.id("csvResult")).getText())
                        .contains("line 4")
                        .contains("ethnicity '99'");
                shot("desk-csv.png");
                zoomCheck();

                // the reviewer compares and rejects the flagged applicant, the registry's record beside
                login("rev");
                click("compareBtn");
                text("compareResult", "5 通过 passed, 1 待审核 flagged");
                WebElement item =
                        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".review-item")));
                assertThat(item.getText())
                        .contains("NAME_MISMATCH")
                        .contains("人口库 Registry")
                        .contains("李四");
                assertThat(item.findElement(By.cssSelector("button.approve")).isEnabled())
                        .as("a blocking finding cannot be approved")
                        .isFalse();
                item.findElement(By.cssSelector("input.reason")).sendKeys("姓名与人口库不符 name differs from the registry");
                shot("desk-review.png");
                long flagged = Long.parseLong(item.getDomAttribute("data-app"));
                item.findElement(By.cssSelector("button.reject")).click();
                text("reviewList", "Nothing waiting");
                assertThat(state(tool, flagged)).isEqualTo(CardState.REJECTED);

                // the operator runs a batch of 5 simulated cards
                login("op");
                text("verifiedCount", "5");
                clear("batchCount").sendKeys("5");
                click("batchCreateBtn");
                new WebDriverWait(web, Duration.ofSeconds(180))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("progSummary"), "Summary"));
                assertThat(web.findElement(By.id("progDone")).getText()).isEqualTo("5");
                assertThat(web.findElement(By.id("progTotal")).getText()).isEqualTo("5");
                assertThat(web.findElement(By.id("progLeft")).getText()).isEqualTo("0");
                assertThat(web.findElement(By.id("progSummary")).getText())
                        .contains("5 / 5")
                        .contains("reported to the server 5");
                shot("desk-batch.png");
                assertThat(clearing.cards).hasSize(5);

                // the counter: hand-over with the identity check, activation, loss report
                login("clerk");
                click("nav-counter");
                type("cardRef", "1000001");
                click("cardLookup");
                text("cardInfo", "40 已个人化 Personalised");
                text("cardInfo", "有效期至 valid until 20"); // the card's expiryDate, as the dictionary names it
                new Select(web.findElement(By.id("lifeAction"))).selectByValue("distribute");
                type("presentedId", People.id(2));
                click("lifeBtn");
                text("lifeResult", "identity check failed");
                clear("presentedId").sendKeys(idA);
                click("lifeBtn");
                text("lifeResult", "Card handed over");
                text("receipt", "领卡回执 Card hand-over receipt");
                new Select(web.findElement(By.id("lifeAction"))).selectByValue("activate");
                click("lifeBtn");
                text("lifeResult", "Card activated");
                text("serverAnswer", "60 正常 Active");
                new Select(web.findElement(By.id("lifeAction"))).selectByValue("loss");
                type("lifeReason", "在公交车上丢失 lost on the bus");
                click("lifeBtn");
                text("lifeResult", "Reported lost");
                text("serverAnswer", "70 挂失 Lost");
                text("receipt", "挂失回执 Loss report receipt");
                String asn =
                        tool.db().read(c -> CardRepository.get(c, 1000001L)).asn();
                assertThat(web.findElement(By.id("receipt")).getText()).contains(asn);
                assertThat(clearing.hotlist).as("the server's hotlist").containsExactly(asn);
                shot("desk-loss-receipt.png");

                // a supervisor finds the citizen by name: the timeline with its audit entries
                login("sup");
                click("nav-search");
                type("searchQ", People.name(1));
                click("searchBtn");
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#searchResults button")))
                        .click();
                text("timeline", "LOSS");
                String timeline = web.findElement(By.id("timeline")).getText();
                assertThat(timeline).contains("70 挂失 Lost").contains("ENROL").contains("DISTRIBUTE");
                assertThat(web.findElement(By.id("citizenPage")).getText())
                        .as("the ID number is masked")
                        .doesNotContain(idA);
                shot("desk-citizen.png");
            } finally {
                web.quit();
            }
        }
    }

    private void registry(IssuanceTool tool, Staff sup) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            lines.append(People.registryLine(People.id(i), People.name(i))).append('\n');
        }
        lines.append(People.registryLine(People.id(7), "李四")).append('\n');
        Path file = Files.write(dir.resolve("registry.txt"), lines.toString().getBytes(Charset.forName("GB18030")));
        tool.registry().importFile(sup, file);
    }

    private Path csv() throws Exception {
        StringBuilder s = new StringBuilder("citizen_id,name,ethnicity,photo\n");
        for (int i : new int[] {2, 3, 8, 4, 5, 7}) {
            s.append(People.id(i))
                    .append(',')
                    .append(i == 7 ? "李思" : People.name(i))
                    .append(',')
                    .append(i == 8 ? "99" : "01")
                    .append(",p")
                    .append(i)
                    .append(".jpg\n");
        }
        return Files.writeString(dir.resolve("people.csv"), s);
    }

    private static CardState state(IssuanceTool tool, long app) {
        CardRecord r = tool.db().read(c -> CardRepository.get(c, app));
        return r.state();
    }

    /** At 200 % zoom the enrolment form stays in one column with nothing cut off sideways. */
    private void zoomCheck() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) web;
        js.executeScript("document.body.style.zoom='200%'");
        long overflow = (Long)
                js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        shot("desk-zoom-200.png");
        js.executeScript("document.body.style.zoom=''");
        assertThat(overflow).as("horizontal overflow at 200 %").isLessThanOrEqualTo(0L);
    }

    private void login(String user) {
        if (web.findElement(By.id("who")).isDisplayed()) {
            click("logoutBtn");
        }
        clear("loginUser").sendKeys(user);
        type("loginPassword", PASSWORD);
        click("loginBtn");
        text("whoami", "(" + user + ")");
    }

    private WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private WebElement clear(String id) {
        WebElement e = visible(id);
        e.clear();
        return e;
    }

    private void type(String id, String text) {
        clear(id).sendKeys(text);
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void text(String id, String part) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), part));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "#" + id + " never showed '" + part + "'; it shows '"
                            + web.findElement(By.id(id)).getText() + "'; message: "
                            + web.findElement(By.id("message")).getText(),
                    e);
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
                "--window-size=1280,1000",
                "--lang=zh-CN",
                "--user-data-dir=" + dir.resolve("chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, o);
    }

    private void shot(String name) throws Exception {
        Path target = Path.of("target", "desk", name);
        Files.createDirectories(target.getParent());
        Files.copy(
                ((TakesScreenshot) web).getScreenshotAs(OutputType.FILE).toPath(),
                target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
