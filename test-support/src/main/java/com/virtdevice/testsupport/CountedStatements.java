package com.virtdevice.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the SQL statements the service sends to PostgreSQL: every {@code execute…} of a
 * statement, and each row of an {@code executeBatch}. PostgreSQL's pg_stat_statements is
 * not available to the embedded server, so the count is taken at the JDBC boundary.
 * {@code @Import} it into a test context; {@link #executed} counts for every context of
 * the JVM.
 */
@Configuration(proxyBeanMethods = false)
public class CountedStatements {

	public static final AtomicLong executed = new AtomicLong();

	private static final ThreadLocal<Boolean> uncounted = ThreadLocal.withInitial(() -> false);

	/** Runs the test's own query without counting it. */
	public static <T> T uncounted(Supplier<T> query) {
		uncounted.set(true);
		try {
			return query.get();
		}
		finally {
			uncounted.set(false);
		}
	}

	@Bean
	public static BeanPostProcessor countingDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof DataSource dataSource) ? proxy(DataSource.class, dataSource) : bean;
			}
		};
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target) {
		InvocationHandler handler = new InvocationHandler() {
			private int batched;

			@Override
			public @Nullable Object invoke(Object self, Method method, Object @Nullable [] args) throws Throwable {
				String name = method.getName();
				if (uncounted.get()) {
					// the test's own query
				}
				else if (name.equals("addBatch")) {
					this.batched++;
				}
				else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
					executed.addAndGet(this.batched);
					this.batched = 0;
				}
				else if (name.startsWith("execute")) {
					executed.incrementAndGet();
				}
				Object result;
				try {
					result = method.invoke(target, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
				if (result instanceof Connection connection && method.getReturnType() == Connection.class) {
					return proxy(Connection.class, connection);
				}
				if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
					return proxy((Class<Statement>) method.getReturnType(), statement);
				}
				return result;
			}
		};
		return (T) Proxy.newProxyInstance(CountedStatements.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
