package com.virtdevice.publisher.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration 4: webhook secrets encrypted at rest. Adds {@code secret_ciphertext}
 * and {@code secret_key_id}, encrypts every existing secret with the configured key (so
 * registered webhooks keep working), and drops the plain-text column. Java rather than
 * SQL because the key is the application's, not the database's.
 */
class V4__EncryptWebhookSecrets extends BaseJavaMigration {

	private final SecretCipher cipher;

	V4__EncryptWebhookSecrets(SecretCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement schema = connection.createStatement()) {
			schema.execute("ALTER TABLE publisher.webhooks ADD COLUMN secret_ciphertext bytea, "
					+ "ADD COLUMN secret_key_id text");
		}
		try (Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery("SELECT id, secret FROM publisher.webhooks FOR UPDATE");
				PreparedStatement update = connection.prepareStatement(
						"UPDATE publisher.webhooks SET secret_ciphertext = ?, secret_key_id = ? WHERE id = ?")) {
			while (rows.next()) {
				String id = rows.getString("id");
				update.setBytes(1, this.cipher.encrypt(rows.getString("secret"), id));
				update.setString(2, this.cipher.keyId());
				update.setString(3, id);
				update.addBatch();
			}
			update.executeBatch();
		}
		try (Statement schema = connection.createStatement()) {
			schema.execute("ALTER TABLE publisher.webhooks DROP COLUMN secret, "
					+ "ALTER COLUMN secret_ciphertext SET NOT NULL, ALTER COLUMN secret_key_id SET NOT NULL");
		}
	}

}
