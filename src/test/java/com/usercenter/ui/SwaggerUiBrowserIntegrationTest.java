package com.usercenter.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TotpDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI in a real browser (Debian's chromium, driven by Selenium), as an operator
 * uses it: pick the admin group, sign in as the bootstrap admin with "Try it out", paste
 * the token into Authorize, list users and create a tenant, checking what the page shows.
 * Screenshots of every step go to {@code target/swagger-ui/}. {@code .ci/run} installs
 * chromium and chromium-driver; a machine without them skips this test.
 */
class SwaggerUiBrowserIntegrationTest extends ApiTestBase {

	private static final Path SCREENSHOTS = Path.of("target", "swagger-ui");

	private WebDriver browser;

	private WebDriverWait wait;

	private int step;

	@BeforeEach
	void openBrowser() throws IOException {
		File chromium = new File("/usr/bin/chromium");
		File driver = new File("/usr/bin/chromedriver");
		assumeTrue(chromium.canExecute() && driver.canExecute(),
				"chromium and chromium-driver are not installed (.ci/run installs them)");
		ChromeOptions options = new ChromeOptions().setBinary(chromium)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1200");
		this.browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(),
				options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	/**
	 * A new admin in the admin group: signs in with its password, authorizes, enrols TOTP
	 * (the admin API answers 40303 until it does), signs in again through the second
	 * step, authorizes with that token and works.
	 */
	@Test
	void anOperatorSignsInEnrolsASecondFactorAuthorizesListsUsersAndCreatesATenant() throws IOException {
		String username = "ops" + unique();
		String password = "Ops-Passw0rd-" + unique();
		Api.Answer created = api().post("/api/v1/admin/users",
				Map.of("mobile", newMobile(), "username", username, "password", password), adminToken());
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		api().patch("/api/v1/admin/users/" + created.data().path("userId").asLong(),
				Map.of("roles", List.of("USER", "ADMIN")), adminToken());
		String credentials = "{\"account\": \"" + username + "\", \"password\": \"" + password + "\"}";

		openAdminGroup();
		String answer = tryItOut(operation("operations-accounts-loginWithPassword"), credentials);
		assertThat(answer).contains("\"code\": 200").contains("accessToken");
		authorize(field(answer, "accessToken"));
		assertThat(tryItOut(operation("operations-admin-users-list"), null)).as("a password alone")
			.contains("\"code\": 40303");

		String enrolment = tryItOut(operation("operations-mfa-startTotp"), "{\"password\": \"" + password + "\"}");
		assertThat(enrolment).contains("\"code\": 200").contains("otpauth://totp/");
		TotpDevice device = new TotpDevice(field(enrolment, "secret"));
		String confirmed = tryItOut(operation("operations-mfa-confirmTotp"),
				"{\"code\": \"" + device.nextCode() + "\"}");
		assertThat(confirmed).contains("\"code\": 200").contains("recoveryCodes");

		openAdminGroup();
		String firstStep = tryItOut(operation("operations-accounts-loginWithPassword"), credentials);
		assertThat(firstStep).contains("\"code\": 40106").contains("mfaToken");
		String secondStep = tryItOut(operation("operations-mfa-loginWithSecondFactor"),
				"{\"mfaToken\": \"" + field(firstStep, "mfaToken") + "\", \"code\": \"" + device.nextCode() + "\"}");
		assertThat(secondStep).contains("\"code\": 200").contains("accessToken");
		authorize(field(secondStep, "accessToken"));

		String users = tryItOut(operation("operations-admin-users-list"), null);
		assertThat(users).contains("\"code\": 200").contains("\"content\"");
		String tenant = tryItOut(operation("operations-admin-tenants-createTenant"),
				"{\"name\": \"Swagger UI tenant " + unique() + "\"}");
		assertThat(tenant).contains("\"code\": 200").contains("tenantSecret");
	}

	private void openAdminGroup() throws IOException {
		this.browser.get("http://localhost:" + this.port + "/swagger-ui/index.html?urls.primaryName=admin");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations-accounts-loginWithPassword")));
		screenshot("admin-group");
	}

	private WebElement operation(String id) {
		return this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
	}

	/**
	 * Authorize with a token, logging out first when the page still holds an earlier one.
	 */
	private void authorize(String token) throws IOException {
		this.browser.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
		for (WebElement logout : this.browser
			.findElements(By.xpath("//div[contains(@class,'modal-ux')]//button[normalize-space()='Logout']"))) {
			logout.click();
		}
		WebElement bearer = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".modal-ux .auth-container input[type='text']")));
		bearer.sendKeys(token);
		screenshot("authorize");
		this.browser.findElement(By.cssSelector(".modal-ux .auth-btn-wrapper .authorize")).click();
		this.browser.findElement(By.cssSelector(".modal-ux .btn-done")).click();
	}

	/** A string field of the JSON answer shown. */
	private static String field(String answer, String name) {
		return answer.replaceAll("(?s).*\"" + name + "\": \"([^\"]+)\".*", "$1");
	}

	@Test
	void aPartnerReadsATenantOperationAsItIsSent() throws IOException {
		this.browser.get("http://localhost:" + this.port + "/swagger-ui/index.html?urls.primaryName=tenant");
		WebElement operation = this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.id("operations-tenant-changeMobileByTenant")));
		String id = operation.getAttribute("id");
		operation.findElement(By.cssSelector(".opblock-summary")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(new By.ByCssSelector("#" + id + " .try-out__btn")))
			.click();
		WebElement body = this.wait.until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + id + " textarea.body-param__text")));
		WebElement parameter = this.browser
			.findElement(By.cssSelector("#" + id + " tr[data-param-name='associatedId']"));
		screenshot("tenant-group");

		// associatedId in the query, the body the request itself, pre-filled
		assertThat(parameter.getAttribute("data-param-in")).isEqualTo("query");
		assertThat(body.getAttribute("value")).contains("\"mobile\": \"13800138000\"")
			.doesNotContain("associatedId")
			.doesNotContain("request");
		// sent unsigned from the page, it is refused with an envelope the page shows
		WebElement associatedId = parameter.findElement(By.cssSelector("input"));
		assertThat(associatedId.getAttribute("value")).as("pre-filled").isEqualTo("partner-user-42");
		associatedId.clear();
		associatedId.sendKeys("partner-42");
		this.browser.findElement(By.id(id)).findElement(By.cssSelector(".execute")).click();
		WebElement shown = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#" + id + " .live-responses-table .response-col_description pre")));
		screenshot(id);
		assertThat(shown.getText()).contains("\"code\": 40103");
	}

	/**
	 * Opens the operation, presses "Try it out", fills the body, executes: the answer
	 * shown.
	 */
	private String tryItOut(WebElement operation, String body) throws IOException {
		String id = operation.getAttribute("id");
		operation.findElement(By.cssSelector(".opblock-summary")).click();
		By inside = By.id(id);
		this.wait.until(ExpectedConditions.elementToBeClickable(new By.ByCssSelector("#" + id + " .try-out__btn")))
			.click();
		if (body != null) {
			WebElement text = this.wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#" + id + " textarea.body-param__text")));
			text.clear();
			text.sendKeys(body);
		}
		this.browser.findElement(inside).findElement(By.cssSelector(".execute")).click();
		WebElement shown = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#" + id + " .live-responses-table .response-col_description pre")));
		screenshot(id);
		return shown.getText();
	}

	private void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%02d-%s.png", ++this.step, name)),
				StandardCopyOption.REPLACE_EXISTING);
	}

}
