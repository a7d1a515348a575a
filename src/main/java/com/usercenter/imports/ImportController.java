package com.usercenter.imports;

import java.io.IOException;
import java.util.Locale;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-users", description = "Users, for ops")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/admin/users")
class ImportController {

	static final String NDJSON = "application/x-ndjson";

	private static final String EXAMPLE = """
			{"externalId":"u-10001","mobile":"13800138001","mobileVerified":true,"nickname":"小明","password":{"algorithm":"md5-salt-prefix","hash":"4d6d2a5c36f4e1a0ba5d8f3b2bbd8ab0","salt":"Xy7q"}}
			{"externalId":"u-10002","email":"li.lei@example.com","registeredAt":"2019-05-01T08:00:00+08:00","password":{"algorithm":"bcrypt","hash":"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"}}
			{"externalId":"u-10003","identities":[{"provider":"wechat","subject":"oAbc123","unionId":"uAbc123"}],"tenants":[{"tenantKey":"partner-a","associatedId":"pa-778"}]}
			""";

	private final UserImport imports;

	ImportController(UserImport imports) {
		this.imports = imports;
	}

	@Operation(summary = "Import users from the system being replaced: NDJSON, one user a line, streamed",
			description = """
					Up to 1,000,000 lines, read as they arrive and written a thousand at a time. A line whose \
					externalId was imported before is skipped, so a file cut in the middle can be sent again whole. \
					A line that conflicts with another account (40900 mobile, 40901 email, 40904 username, 40902 \
					identity or associatedId) or is invalid (40000) is rejected with that code and changes nothing; \
					the others go on. Password hashes of the old system are kept in their own format (bcrypt, \
					argon2, pbkdf2-sha1/-sha256, md5, sha1, sha256, salted prefix and suffix digests, md5-md5) \
					until the first right password replaces them. dryRun=true answers the same and stores nothing. \
					From a shell: curl --data-binary @users.ndjson -H 'Content-Type: application/x-ndjson' \
					-H "Authorization: Bearer $TOKEN" '.../api/v1/admin/users/import?dryRun=true'""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "One JSON object a line (contract 9.2)",
					content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ImportLine.class),
							examples = @ExampleObject(name = "three users", value = EXAMPLE))))
	@Answers({ ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.REQUEST_TIMEOUT })
	@PostMapping(path = "/import", consumes = NDJSON)
	Envelope<ImportResult> importUsers(CurrentUser admin,
			@Parameter(description = "Check every line and answer the same, storing nothing") @RequestParam(
					defaultValue = "false") boolean dryRun,
			HttpServletRequest request, Locale locale) throws IOException {
		return Envelope.ok(this.imports.run(request.getInputStream(), dryRun, admin.userId(), locale));
	}

}
