import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Times one password hash with the service's own encoder bean (its class and parameters, read from the
 * jar, never copied here), on one core. bench.py runs it with the extracted jar on the class path and
 * prints cores / this time as the password-login ceiling.
 */
public class HashCeiling {

	public static void main(String[] args) throws Exception {
		Class<?> config = Class.forName("com.usercenter.account.PasswordHashing");
		Constructor<?> constructor = config.getDeclaredConstructor();
		constructor.setAccessible(true);
		// the bean takes what the service gives it, each made with its no-argument constructor: the
		// heap-derived budget (the JVM's heap and cores), the imported hashes' formats
		Method bean = java.util.Arrays.stream(config.getDeclaredMethods())
			.filter((method) -> method.getName().equals("passwordEncoder"))
			.findFirst()
			.orElseThrow();
		bean.setAccessible(true);
		Object[] arguments = new Object[bean.getParameterCount()];
		for (int i = 0; i < arguments.length; i++) {
			Constructor<?> made = bean.getParameterTypes()[i].getDeclaredConstructor();
			made.setAccessible(true);
			arguments[i] = made.newInstance();
		}
		PasswordEncoder encoder = (PasswordEncoder) bean.invoke(constructor.newInstance(), arguments);
		String hash = encoder.encode("Bench-passw0rd");
		for (int i = 0; i < 30; i++) {
			encoder.matches("Bench-passw0rd", hash);
		}
		int rounds = 100;
		long started = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			if (!encoder.matches("Bench-passw0rd", hash)) {
				throw new IllegalStateException("the hash did not match");
			}
		}
		double ms = (System.nanoTime() - started) / 1e6 / rounds;
		// the same, on every core at once: hashes share caches and memory bandwidth
		int cores = Runtime.getRuntime().availableProcessors();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
		long parallelStarted = System.nanoTime();
		java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
		for (int t = 0; t < cores; t++) {
			work.add(pool.submit(() -> {
				for (int i = 0; i < rounds; i++) {
					encoder.matches("Bench-passw0rd", hash);
				}
			}));
		}
		for (java.util.concurrent.Future<?> done : work) {
			done.get();
		}
		pool.shutdown();
		double parallelPerSecond = cores * rounds / ((System.nanoTime() - parallelStarted) / 1e9);
		String parameters = hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1));
		System.out.printf("{\"ms_per_hash\": %.3f, \"all_cores_per_s\": %.1f, \"parameters\": \"%s\"}%n", ms,
				parallelPerSecond, parameters);
	}

}
