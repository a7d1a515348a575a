package com.usercenter.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;
import com.usercenter.core.validation.Dates;
import com.usercenter.core.validation.ImageUrl;
import com.usercenter.core.validation.PlainText;
import com.usercenter.user.Change;
import com.usercenter.user.ProfileUpdate;
import tools.jackson.databind.JsonNode;

/**
 * A PATCH of the own profile, read from the JSON as sent so that an absent field
 * (unchanged) differs from a null one (cleared). A value of the wrong JSON type answers
 * 40001; a value out of bounds 40000 naming every such field. Unknown fields are ignored.
 *
 * @param fields the changes of the fields kept on the user row
 * @param hobbyIds the new hobbies, or null to leave them (an explicit null clears them)
 */
record ProfilePatch(ProfileUpdate fields, List<Long> hobbyIds) {

	private static final Rule IMAGE = new Rule(ImageUrl.Validator::isValid,
			"must be an http(s) URL or a path on this service");

	private static final Rule PLAIN = new Rule(PlainText.Validator::isPlain,
			"must be plain text: no control, direction-override or markup characters");

	private static final LocalDate EARLIEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

	static ProfilePatch parse(JsonNode body, Clock clock) {
		if (body == null || !body.isObject()) {
			throw new ApiException(ErrorCode.UNREADABLE_BODY);
		}
		Reader reader = new Reader(body);
		ProfileUpdate fields = new ProfileUpdate(reader.text("nickname", 1, 32, PLAIN),
				reader.text("avatar", 1, 512, IMAGE), reader.text("background", 1, 512, IMAGE),
				reader.integer("sex", 0, 2),
				reader.value("birthday", JsonNode::canConvertToLong,
						(node) -> birthday(node.longValue(), clock, reader)),
				reader.integer("height", 50, 250), reader.integer("waist", 30, 200), reader.weight(),
				reader.text("signature", 0, 140, PLAIN), reader.text("address", 0, 200, PLAIN),
				reader.value("communityId", JsonNode::canConvertToLong, JsonNode::longValue));
		List<Long> hobbyIds = reader.hobbyIds();
		reader.failOnProblems();
		return new ProfilePatch(fields, hobbyIds);
	}

	private static LocalDate birthday(long epochMillis, Clock clock, Reader reader) {
		LocalDate date = Dates.toDate(epochMillis, clock);
		if (date.isBefore(EARLIEST_BIRTHDAY) || date.isAfter(LocalDate.now(clock))) {
			reader.problem("birthday", "must be an epoch-ms date between 1900-01-01 and today");
		}
		return date;
	}

	/** What a text field must be beyond its length. */
	private record Rule(java.util.function.Predicate<String> accepts, String message) {
	}

	/**
	 * Reads fields one by one, collecting out-of-bounds problems to answer them together.
	 */
	private static final class Reader {

		private final JsonNode body;

		private final List<ErrorData.FieldError> problems = new ArrayList<>();

		Reader(JsonNode body) {
			this.body = body;
		}

		<T> Change<T> value(String field, java.util.function.Predicate<JsonNode> accepts, Function<JsonNode, T> read) {
			if (!this.body.has(field)) {
				return Change.keep();
			}
			JsonNode node = this.body.get(field);
			if (node.isNull()) {
				return Change.to(null);
			}
			if (!accepts.test(node)) {
				throw new ApiException(ErrorCode.UNREADABLE_BODY);
			}
			return Change.to(read.apply(node));
		}

		Change<String> text(String field, int min, int max, Rule rule) {
			return value(field, JsonNode::isString, (node) -> {
				String text = node.stringValue();
				if (text.length() < min || text.length() > max || (min > 0 && text.isBlank())) {
					problem(field, "must be " + min + " to " + max + " characters");
				}
				else if (!rule.accepts().test(text)) {
					problem(field, rule.message());
				}
				return text;
			});
		}

		Change<Integer> integer(String field, int min, int max) {
			return value(field, (node) -> node.isIntegralNumber() && node.canConvertToInt(), (node) -> {
				int number = node.intValue();
				if (number < min || number > max) {
					problem(field, "must be between " + min + " and " + max);
				}
				return number;
			});
		}

		Change<BigDecimal> weight() {
			return value("weight", JsonNode::isNumber, (node) -> {
				// bounded as a double first: 1e400 is infinite, and a huge decimal would
				// cost
				// its digits in time and memory before any comparison
				double kg = node.doubleValue();
				if (!Double.isFinite(kg) || kg < 2 || kg > 500) {
					problem("weight", "must be between 2 and 500");
					return null;
				}
				return BigDecimal.valueOf(kg).setScale(1, RoundingMode.HALF_UP);
			});
		}

		List<Long> hobbyIds() {
			if (!this.body.has("hobbyIds")) {
				return null;
			}
			JsonNode node = this.body.get("hobbyIds");
			if (node.isNull()) {
				return List.of();
			}
			if (!node.isArray()) {
				throw new ApiException(ErrorCode.UNREADABLE_BODY);
			}
			List<Long> ids = new ArrayList<>();
			for (JsonNode id : node) {
				if (!id.isIntegralNumber() || !id.canConvertToLong()) {
					throw new ApiException(ErrorCode.UNREADABLE_BODY);
				}
				ids.add(id.longValue());
			}
			return ids;
		}

		void problem(String field, String message) {
			this.problems.add(new ErrorData.FieldError(field, message));
		}

		void failOnProblems() {
			if (!this.problems.isEmpty()) {
				throw new ApiException(ErrorCode.INVALID_REQUEST, new ErrorData.FieldErrors(this.problems));
			}
		}

	}

}
