package dev.imprint.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpExchange;

import dev.imprint.testing.Cli;
import dev.imprint.testing.GitRepo;

/**
 * The built site in a real browser (Debian's headless Chromium through Selenium), served over HTTP under a subpath:
 * the search box finds notes by title and body text and links to them, code is highlighted by highlight.js, math is
 * typeset by KaTeX, and a page opened from a file says why search cannot work there.
 */
class SearchBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String SUBPATH = "/notes/";

    @TempDir
    static Path tmp;
    static Path site;
    static HttpServer server;
    static String base;
    static ChromeDriverService service;
    static WebDriver driver;

    @BeforeAll
    static void buildServeAndOpenABrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium/chromedriver not installed: skipping browser test");

        GitRepo notes = GitRepo.init(tmp.resolve("notes"));
        notes.write("imprint.yml", "title: Kitchen Notes\n");
        notes.write("content/recipes/sourdough-starter.md", """
                ---
                tags: [baking, bread]
                ---
                # Sourdough starter

                Feed the levain with equal weights of rye flour and water every twelve hours.
                """);
        notes.write("content/recipes/pancakes.md", "# Pancakes\n\nWhisk the batter and rest it for an hour.\n");
        notes.write("content/code/hello-world.md", """
                # Hello in Java

                ```java
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello");
                    }
                }
                ```
                """);
        notes.write("content/maths/squares.md", "# Squares\n\nThe area of a square is $x^2$ for a side of $x$.\n");
        notes.commitAll("notes");
        site = tmp.resolve("site");
        Cli.Result r = Cli.run("build", "--source", notes.dir().toString(), "--out", site.toString(),
                "--cache", tmp.resolve("cache").toString());
        assertThat(r.exit()).as(r.err()).isZero();

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SUBPATH, SearchBrowserTest::serveFile);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + SUBPATH;

        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        // the driver and the browser are named outright, so Selenium Manager never looks for (or downloads) either
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        driver = new ChromeDriver(service, options);
    }

    /** A static file server for the site under {@link #SUBPATH} (Java 17 has no SimpleFileServer). */
    static void serveFile(HttpExchange exchange) throws java.io.IOException {
        try (exchange) {
            String rel = exchange.getRequestURI().getPath().substring(SUBPATH.length());
            Path file = site.resolve(rel.isEmpty() || rel.endsWith("/") ? rel + "index.html" : rel).normalize();
            if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : name.endsWith(".json") ? "application/json"
                    : name.endsWith(".woff2") ? "font/woff2"
                    : name.endsWith(".svg") ? "image/svg+xml"
                    : "application/octet-stream";
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    List<WebElement> searchFor(String query) {
        WebElement box = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("site-search-q")));
        box.clear();
        box.sendKeys(query);
        return waiting().until(d -> {
            List<WebElement> hits = d.findElements(By.cssSelector(".site-search-results a"));
            return hits.isEmpty() ? null : hits;
        });
    }

    @Test
    void theSearchBoxFindsANoteByItsBodyTextAndItsLinkOpensIt() {
        driver.get(base + "maths/squares/index.html");

        List<WebElement> hits = searchFor("levain");

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).getText()).contains("Sourdough starter").contains("recipes");
        assertThat(hits.get(0).getAttribute("href")).isEqualTo(base + "recipes/sourdough-starter/index.html");
        hits.get(0).click();
        waiting().until(ExpectedConditions.urlToBe(base + "recipes/sourdough-starter/index.html"));
        assertThat(driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("Sourdough starter");
    }

    @Test
    void aPrefixFindsTitlesAndTagsFromAPageAtTheRoot() {
        driver.get(base + "index.html");

        assertThat(searchFor("pancak")).extracting(WebElement::getText).singleElement().asString().contains("Pancakes");
        assertThat(searchFor("baking")).extracting(WebElement::getText).singleElement().asString()
                .contains("Sourdough starter");
        assertThat(searchFor("pancak").get(0).getAttribute("href")).isEqualTo(base + "recipes/pancakes/index.html");
    }

    @Test
    void codeIsHighlightedOnlyWhereThereIsCode() {
        driver.get(base + "code/hello-world/index.html");
        List<WebElement> tokens = waiting().until(d -> {
            List<WebElement> spans = d.findElements(By.cssSelector("pre code.hljs span[class^='hljs-']"));
            return spans.isEmpty() ? null : spans;
        });
        assertThat(tokens).extracting(WebElement::getText).contains("public", "class");

        driver.get(base + "recipes/pancakes/index.html");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("site-search-q")));
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.hljs + ' ' + typeof window.katex"))
                .isEqualTo("undefined undefined");
    }

    @Test
    void mathIsTypesetByKatex() {
        driver.get(base + "maths/squares/index.html");
        WebElement math = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main .katex")));
        assertThat(driver.findElements(By.cssSelector("main .katex"))).hasSize(2);
        assertThat(math.findElement(By.cssSelector("annotation")).getAttribute("textContent")).isEqualTo("x^2");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).doesNotContain("$");
        // the KaTeX fonts came from the site itself
        Object fontsLoaded = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[0]; document.fonts.ready.then(function () {"
                        + " done(Array.from(document.fonts).some(function (f) {"
                        + " return f.family.indexOf('KaTeX') >= 0 && f.status === 'loaded'; })); });");
        assertThat(fontsLoaded).isEqualTo(true);
    }

    @Test
    void aPageOpenedFromAFileSaysSearchNeedsHttp() {
        driver.get(site.resolve("recipes/pancakes/index.html").toUri().toString());
        WebElement box = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("site-search-q")));
        box.sendKeys("levain");
        WebElement message = waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".site-search-results .site-search-message")));
        assertThat(message.getText()).contains("served over HTTP");
    }

}
