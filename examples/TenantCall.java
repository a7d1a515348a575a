import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner server calling the tenant API with JDK classes only (Java 17+).
 * Run: TENANT_KEY=... TENANT_SECRET=... java examples/TenantCall.java
 */
public class TenantCall {

	public static void main(String[] args) throws Exception {
		String base = System.getenv().getOrDefault("USERCENTER_URL", "http://localhost:8080");
		String key = required("TENANT_KEY");
		String secret = required("TENANT_SECRET");
		String path = "/sessions-rest/associatedBusiness/loginTenant";
		String query = ""; // the raw query string as sent, without '?'
		byte[] body = "{\"associatedId\":\"partner-42\",\"softLogin\":true}".getBytes(StandardCharsets.UTF_8);

		String timestamp = Long.toString(System.currentTimeMillis());
		byte[] random = new byte[16];
		new SecureRandom().nextBytes(random);
		String nonce = HexFormat.of().formatHex(random);
		String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		String stringToSign = "POST\n" + path + "\n" + query + "\n" + timestamp + "\n" + nonce + "\n" + bodyHash;
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));

		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
			.header("Content-Type", "application/json")
			.header("X-Tenant-Key", key)
			.header("X-Timestamp", timestamp)
			.header("X-Nonce", nonce)
			.header("X-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		System.out.println(response.statusCode() + " " + response.body());
		if (!response.body().startsWith("{\"code\":200,")) {
			System.exit(1);
		}
	}

	private static String required(String variable) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			System.err.println("TenantCall: set " + variable + " (the tenant's key and secret, as given at its creation)");
			System.exit(2);
		}
		return value;
	}

}
