package com.usercenter.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A webhook subscription as administrators see it: never its secret. */
record SubscriptionView(@Schema(example = "12") long id,
		@Schema(example = "https://partner.example.com/hooks/user-center") String url,
		@Schema(example = "[\"user.erased\", \"user.contact_changed\"]") List<String> events,
		@Schema(example = "tk_3mK9x0Qa1bC2dE3f",
				description = "the tenant whose users alone it hears of, each with the tenant's associatedId; "
						+ "null for all users") String tenantKey,
		@Schema(example = "CRM sync") String description, @Schema(example = "active", allowableValues = {
				"active", "disabled" }) String status,
		@Schema(example = "1763856000000") long createdAt, @Schema(example = "1763856000000") long updatedAt,
		@Schema(example = "1763942400000",
				description = "until when the secret replaced by the last rotation still signs beside the new one "
						+ "(epoch ms); null when none does") Long previousSecretUntil){

	static final String COLUMNS = """
			s.id, s.url, s.events, t.tenant_key, s.description, s.status, s.created_at, s.updated_at,
			s.previous_secret_until""";

	static SubscriptionView read(ResultSet rs, long now) throws SQLException {
		Timestamp previous = rs.getTimestamp("previous_secret_until");
		return new SubscriptionView(rs.getLong("id"), rs.getString("url"),
				Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("tenant_key"),
				rs.getString("description"), rs.getString("status"), rs.getTimestamp("created_at").getTime(),
				rs.getTimestamp("updated_at").getTime(),
				(previous != null && previous.getTime() > now) ? previous.getTime() : null);
	}

}
