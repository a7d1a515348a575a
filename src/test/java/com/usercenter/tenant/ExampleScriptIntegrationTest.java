package com.usercenter.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/tenant-call.sh} works as the README runs it: a signed call answers 200
 * and exits 0; a refused one exits 1; a missing variable is named, exit 2.
 */
class ExampleScriptIntegrationTest extends ApiTestBase {

	@Test
	void theShellExampleSignsCallsAndSaysWhatIsWrong() throws Exception {
		// as later in the suite, when the service's clock has run ahead of the wall clock
		TestClock.advance(java.time.Duration.ofMinutes(10));
		TenantClient tenant = newTenant();
		Map<String, String> env = Map.of("TENANT_KEY", tenant.key(), "TENANT_SECRET", tenant.secret(), "USERCENTER_URL",
				"http://localhost:" + this.port);

		Run login = run(env, "/sessions-rest/associatedBusiness/loginTenant",
				"{\"associatedId\":\"example-" + unique() + "\",\"userName\":\"小明\"}");
		Run wrongSecret = run(
				Map.of("TENANT_KEY", tenant.key(), "TENANT_SECRET", "not-the-secret", "USERCENTER_URL",
						"http://localhost:" + this.port),
				"/sessions-rest/associatedBusiness/loginTenant", "{\"associatedId\":\"x\"}");
		Run noSecret = run(Map.of("TENANT_KEY", tenant.key(), "USERCENTER_URL", "http://localhost:" + this.port),
				"/sessions-rest/associatedBusiness/loginTenant", "{}");

		assertThat(login.exit()).as(login.output()).isZero();
		assertThat(login.output()).startsWith("{\"code\":200,").contains("accessToken");
		assertThat(wrongSecret.exit()).as(wrongSecret.output()).isEqualTo(1);
		assertThat(wrongSecret.output()).contains("\"code\":401");
		assertThat(noSecret.exit()).isEqualTo(2);
		assertThat(noSecret.output()).contains("set TENANT_SECRET");
	}

	/**
	 * Runs the script as a shell would, with {@code date} telling the service's time (the
	 * suite's clock runs ahead of the wall clock, and a timestamp must be within 300 s of
	 * the service's).
	 */
	private static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
		Path bin = Files.createTempDirectory("clock");
		Path date = bin.resolve("date");
		Files.writeString(date, "#!/bin/sh\necho " + TestClock.now().toEpochMilli() + "\n");
		date.toFile().setExecutable(true);
		String[] command = new String[args.length + 2];
		command[0] = "bash";
		command[1] = "examples/tenant-call.sh";
		System.arraycopy(args, 0, command, 2, args.length);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("TENANT_KEY");
		builder.environment().remove("TENANT_SECRET");
		builder.environment().putAll(env);
		builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), output);
	}

	private record Run(int exit, String output) {
	}

}
