package org.phasic.traces.adapter.web.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.composition.UseCases;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.ShowTraceUseCase.TraceDetails;

/**
 * The site in a real headless browser (Debian's chromium with its chromedriver, no driver download), over the
 * library's offline composition (the bundled registry and traces, evaluated by the real evaluator) plus one hostile
 * registry entry. Screenshots go to {@code target/site-screenshots/}.
 */
class SiteInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "site-screenshots");
    private static final String TRACE = "kingman_n5_theta1";

    @TempDir
    static Path home;
    private static Composition composition;
    private static SiteServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): "
                        + "the site's browser test needs /usr/bin/chromium and /usr/bin/chromedriver");
        composition = Composition.create(Map.of(Configuration.HOME, new FlagValue(home.toString(), "--home"),
                "offline", new FlagValue("true", "--offline")), Map.of(), home, Notices.silent());
        UseCases useCases = composition.useCases();
        TraceEntry hostile = new SiteFixture().entry(SiteFixture.HOSTILE);
        ListTracesUseCase list = query -> Stream.concat(useCases.listTraces().list(query).stream(),
                Stream.of(hostile).filter(query::matches)).sorted(Comparator.comparing(TraceEntry::id)).toList();
        ShowTraceUseCase show = id -> id.equals(hostile.id()) ? new TraceDetails(hostile, false, Optional.empty())
                : useCases.showTrace().show(id);
        server = new SiteServer(new DiscoverySite(list, show, useCases.evaluateTrace(), SiteFixture.availability()));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--user-data-dir=" + home.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5)).pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (composition != null) {
            composition.close();
        }
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> resultIds() {
        return browser.findElements(By.cssSelector("li.result h3 a")).stream().map(WebElement::getText).toList();
    }

    @Test
    void searchingFromTheKeyboardNarrowsTheList() throws IOException {
        browser.get(server.uri().toString());
        List<String> all = resultIds();
        assertThat(all).contains(TRACE, SiteFixture.HOSTILE).hasSizeGreaterThan(3);
        assertThat(browser.findElement(By.id("result-count")).getText()).isEqualTo(all.size() + " traces in the registry.");
        screenshot("search");

        WebElement focused = null;
        for (int presses = 0; presses < 10; presses++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            focused = browser.switchTo().activeElement();
            if ("q".equals(focused.getAttribute("id"))) {
                break;
            }
        }
        assertThat(focused.getAttribute("id")).as("Tab reaches the search field").isEqualTo("q");
        focused.sendKeys("n5_theta1", Keys.ENTER);

        assertThat(browser.getCurrentUrl()).contains("q=n5_theta1");
        List<String> found = resultIds();
        assertThat(found).contains(TRACE).hasSizeLessThan(all.size()).allMatch(all::contains);
        assertThat(browser.findElement(By.id("result-count")).getText())
                .isEqualTo(found.size() + " of " + all.size() + " traces match.");
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("n5_theta1");
        screenshot("search-narrowed");
    }

    @Test
    void aTracePageShowsItsCidAndADensityPlotAndTakesATheta() throws IOException {
        browser.get(server.uri().toString());
        browser.findElement(By.linkText(TRACE)).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TRACE);
        String cid = composition.useCases().showTrace().show(TraceId.of(TRACE)).entry().cid();
        assertThat(browser.findElement(By.cssSelector("code.cid")).getText()).isEqualTo(cid);
        assertThat(browser.findElement(By.cssSelector("a[download]")).getAttribute("href"))
                .endsWith("/ipfs/" + cid + "/trace.json.gz");
        WebElement path = browser.findElement(By.cssSelector("svg.plot path.density"));
        assertThat(path.getAttribute("d").split("L")).hasSize(DensityPlot.POINTS);
        assertThat(path.getCssValue("fill")).as("the site's stylesheet applies under its CSP").isEqualTo("none");
        assertThat(browser.findElements(By.cssSelector("button.copy"))).as("the site's script runs under its CSP")
                .hasSize(3);
        assertThat(browser.findElement(By.cssSelector("svg.plot title")).getAttribute("textContent"))
                .isEqualTo("Density of " + TRACE + " at θ = (1)");
        screenshot("trace");

        WebElement theta = browser.findElement(By.id("theta-0"));
        theta.clear();
        theta.sendKeys("2", Keys.ENTER);
        assertThat(browser.findElement(By.cssSelector("svg.plot title")).getAttribute("textContent"))
                .isEqualTo("Density of " + TRACE + " at θ = (2)");

        theta = browser.findElement(By.id("theta-0"));
        theta.clear();
        theta.sendKeys("-1", Keys.ENTER);
        assertThat(browser.findElement(By.id("theta-error")).getText()).contains("θ₀ (theta) = -1 is outside its domain");
        assertThat(browser.findElements(By.cssSelector("svg.plot"))).isEmpty();
        screenshot("theta-refused");
    }

    @Test
    void aRegistryDescriptionHoldingAScriptRendersAsText() throws IOException {
        browser.get(server.resolve("trace/" + SiteFixture.HOSTILE).toString());
        assertThat(browser.findElement(By.cssSelector("p.lead")).getText()).isEqualTo(SiteFixture.SCRIPT);
        assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("hostile");

        browser.get(server.resolve("?q=script").toString());
        assertThat(resultIds()).containsExactly(SiteFixture.HOSTILE);
        assertThat(browser.findElement(By.cssSelector("li.result p:not(.badge)")).getText()).isEqualTo(SiteFixture.SCRIPT);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
