package com.virtdevice.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring context and plain JDBC both reach a real PostgreSQL, each in its own database.
 */
@SpringBootTest(classes = PostgresTest.App.class)
@RealInfrastructure
class PostgresTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theContextRunsQueriesOnARealPostgresqlInADatabaseOfItsOwn() {
		assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
		assertThat(this.jdbc.queryForObject("select current_database()", String.class)).startsWith("vd_test_");
		this.jdbc.execute("create table probe (id int primary key)");
		assertThat(this.jdbc.update("insert into probe values (1), (2)")).isEqualTo(2);
	}

	@Test
	void everyNewDatabaseIsEmptyAndDistinct() throws SQLException {
		TestDatabase first = TestInfrastructure.newDatabase();
		TestDatabase second = TestInfrastructure.newDatabase();

		assertThat(first.name()).isNotEqualTo(second.name());
		try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create table only_in_first (id int)");
		}
		try (Connection connection = second.connect();
				Statement statement = connection.createStatement();
				ResultSet tables = statement
					.executeQuery("select count(*) from pg_tables where tablename = 'only_in_first'")) {
			tables.next();
			assertThat(tables.getInt(1)).isZero();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
