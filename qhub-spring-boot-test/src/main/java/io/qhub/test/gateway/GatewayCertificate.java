package io.qhub.test.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the
 * running JVM's {@code keytool}, for a {@link LocalHubGateway} that serves HTTPS
 * ({@link LocalHubGatewayBuilder#tls}). Its {@link #certificate() PEM certificate} is
 * what a client trusts, e.g. as a Spring Boot SSL bundle:
 * {@code spring.ssl.bundle.pem.gateway.truststore.certificate=file:<certificate()>} with
 * {@code qhub.service.ssl.bundle=gateway}.
 *
 * @param keyStore the PKCS12 key store with the key and certificate (alias
 * {@value #ALIAS})
 * @param password the key store's (and key's) password
 * @param certificate the certificate alone, PEM-encoded
 */
public record GatewayCertificate(Path keyStore, String password, Path certificate) {

	/** The alias of the key in the key store. */
	public static final String ALIAS = "local-hub-gateway";

	private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

	/**
	 * Generates a key pair and a self-signed certificate (EC P-256, valid for two days,
	 * for {@code localhost} and {@code 127.0.0.1}) into a directory, as
	 * {@code local-hub-gateway.p12} and {@code local-hub-gateway.pem}.
	 * @param directory where to write both files (created if missing)
	 * @return the certificate
	 * @throws IllegalStateException when {@code keytool} fails
	 */
	public static GatewayCertificate generate(Path directory) {
		try {
			Files.createDirectories(directory);
			Path keyStore = directory.resolve(ALIAS + ".p12");
			Path certificate = directory.resolve(ALIAS + ".pem");
			Files.deleteIfExists(keyStore);
			String password = "local-hub-gateway-" + Long.toHexString(System.nanoTime());
			keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
					"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
					"-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
			keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
					"-storepass", password, "-file", certificate.toString());
			return new GatewayCertificate(keyStore, password, certificate);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write a certificate into " + directory + ": " + ex, ex);
		}
	}

	/**
	 * The key material for a TLS server.
	 * @return a key manager factory over the key store
	 */
	public KeyManagerFactory keyManagerFactory() {
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, this.password.toCharArray());
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, this.password.toCharArray());
			return factory;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not read the key store " + this.keyStore + ": " + ex, ex);
		}
	}

	private static void keytool(String... arguments) throws IOException {
		String executable = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? "keytool.exe"
				: "keytool";
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", executable).toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while keytool " + arguments[0] + " ran", ex);
		}
		finally {
			process.destroy();
		}
	}

	@Override
	public String toString() {
		return "GatewayCertificate[" + this.certificate + "]";
	}

}
