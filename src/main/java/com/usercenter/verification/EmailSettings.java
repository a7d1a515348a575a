package com.usercenter.verification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email delivery settings ({@code usercenter.email.*}); the SMTP server itself is
 * {@code spring.mail.*}.
 *
 * @param provider {@code log} or {@code smtp}
 * @param from the sender address
 */
@ConfigurationProperties("usercenter.email")
record EmailSettings(@DefaultValue("log") String provider, @DefaultValue("no-reply@usercenter.local") String from) {

}
