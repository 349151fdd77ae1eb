package com.virtdevice.publisher.webhook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 4 encrypts the secrets of webhooks registered before it, on a real database
 * left at version 3 with plain-text rows.
 */
class SecretsAtRestIT {

	private final TestDatabase database = TestInfrastructure.newDatabase();

	private final SecretCipher cipher = SecretCipher.ephemeral();

	@Test
	void migrationFourEncryptsExistingSecretsAndDropsThePlainText() throws SQLException {
		flyway().target("3").load().migrate();
		try (Connection connection = this.database.connect(); Statement sql = connection.createStatement()) {
			sql.execute("INSERT INTO publisher.devices (id, user_id, tenant_id, name, type) "
					+ "VALUES ('d1', 'alice', 'acme', 'Lamp', 'LIGHT')");
			sql.execute("INSERT INTO publisher.webhooks (id, device_id, secret) VALUES "
					+ "('hook-1', 'd1', 'plain-secret-1'), ('hook-2', 'd1', 'plain-secret-2')");
		}

		flyway().javaMigrations(new V4__EncryptWebhookSecrets(this.cipher)).load().migrate();

		try (Connection connection = this.database.connect(); Statement sql = connection.createStatement()) {
			assertThat(columns(sql)).contains("secret_ciphertext", "secret_key_id").doesNotContain("secret");
			try (ResultSet rows = sql
				.executeQuery("SELECT id, secret_ciphertext, secret_key_id FROM publisher.webhooks ORDER BY id")) {
				List<String> secrets = new ArrayList<>();
				while (rows.next()) {
					byte[] stored = rows.getBytes("secret_ciphertext");
					assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
						.doesNotContain("plain");
					assertThat(rows.getString("secret_key_id")).isEqualTo(this.cipher.keyId());
					secrets.add(this.cipher.decrypt(stored, rows.getString("id")));
				}
				assertThat(secrets).containsExactly("plain-secret-1", "plain-secret-2");
			}
		}
	}

	private static List<String> columns(Statement sql) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery("SELECT column_name FROM information_schema.columns "
				+ "WHERE table_schema = 'publisher' AND table_name = 'webhooks'")) {
			while (rows.next()) {
				columns.add(rows.getString(1));
			}
		}
		return columns;
	}

	private FluentConfiguration flyway() {
		return Flyway.configure()
			.dataSource(this.database.jdbcUrl(), this.database.username(), this.database.password())
			.schemas("publisher")
			.defaultSchema("publisher")
			.locations("classpath:db/migration");
	}

}
