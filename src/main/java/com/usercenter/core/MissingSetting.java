package com.usercenter.core;

/**
 * A setting the chosen configuration needs is missing or unusable: start-up stops with
 * one sentence naming it ({@link com.usercenter.core.startup.StartupFailureAnalyzers}).
 */
public class MissingSetting extends IllegalStateException {

	private final String key;

	private final String why;

	/**
	 * @param key the setting, in Spring's form ({@code usercenter.sms.aliyun.sign-name})
	 * @param why what needs it ({@code usercenter.sms.provider=aliyun})
	 */
	public MissingSetting(String key, String why) {
		super(why + " needs " + key);
		this.key = key;
		this.why = why;
	}

	public String key() {
		return this.key;
	}

	public String why() {
		return this.why;
	}

	/** The environment variable of the setting, in Spring's relaxed form. */
	public String environmentVariable() {
		return this.key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", "");
	}

}
