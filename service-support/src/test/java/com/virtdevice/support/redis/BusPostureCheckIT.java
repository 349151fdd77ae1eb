package com.virtdevice.support.redis;

import java.util.function.Consumer;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.testsupport.FreePorts;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestRedis;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The start-up check of a service's own Redis rights, against a real Redis with ACLs:
 * least privilege is recognised for every role, an open bus is named with what the user
 * may do too much, and a production profile refuses it unless the operator accepted it.
 */
class BusPostureCheckIT {

	private static final Channels CHANNELS = Channels.namespaced(TestInfrastructure.newChannelNamespace());

	private static final TestRedis redis = TestInfrastructure.redis();

	@Test
	void everyRoleOnItsOwnUserIsLeastPrivilegeAndStartsInProduction() {
		for (BusRole role : BusRole.values()) {
			withCheck(redis.urlFor(role, CHANNELS), role, true, false, (check) -> {
				assertThatCode(check::start).as(role.name()).doesNotThrowAnyException();
				BusPosture posture = check.posture();
				assertThat(posture.verdict()).as(role.name()).isEqualTo("least-privilege");
				assertThat(posture.user()).isEqualTo(TestRedis.userName(role, CHANNELS));
				assertThat(posture.mayPublish()).as(role.name()).hasSize(role.publishes() ? 3 : 0);
				assertThat(posture.mayRunAdmin()).isFalse();
			});
		}
	}

	@Test
	void aConsumerThatMayPublishIsOnAnOpenBusAndAProductionProfileRefusesToStart() {
		withCheck(redis.adminUrl(), BusRole.DEVICE_SUBSCRIBER, true, false, (check) -> {
			assertThatIllegalStateException().isThrownBy(check::start)
				.withMessageContaining("Refusing to start with a production profile on an open Redis bus")
				.withMessageContaining("may PUBLISH on " + CHANNELS.globalEvents())
				.withMessageContaining("may run admin commands")
				.withMessageContaining("virtdevice.redis.accept-open-bus=true");
			assertThat(check.posture().verdict()).isEqualTo("open");
			assertThat(check.posture().excess()).contains("may write the publisher's keys");
		});
	}

	@Test
	void anOperatorMayAcceptAnOpenBusAndOutsideProductionItIsAWarning() {
		withCheck(redis.adminUrl(), BusRole.USER_SUBSCRIBER, true, true, (check) -> {
			assertThatCode(check::start).doesNotThrowAnyException();
			assertThat(check.posture().open()).isTrue();
		});
		withCheck(redis.adminUrl(), BusRole.USER_SUBSCRIBER, false, false, (check) -> {
			assertThatCode(check::start).doesNotThrowAnyException();
			assertThat(check.posture().open()).isTrue();
			assertThat(check.refusesOpenBus()).isFalse();
		});
	}

	@Test
	void aPublisherThatMayRunAdminCommandsIsOnAnOpenBusToo() {
		withCheck(redis.adminUrl(), BusRole.PUBLISHER, true, false, (check) -> {
			assertThatIllegalStateException().isThrownBy(check::start).withMessageContaining("may run admin commands");
		});
	}

	@Test
	void anUnreachableRedisIsAnUnknownPostureAndDoesNotStopTheStart() {
		withCheck("redis://127.0.0.1:" + FreePorts.find(), BusRole.DEVICE_SUBSCRIBER, true, false, (check) -> {
			assertThatCode(check::start).doesNotThrowAnyException();
			assertThat(check.posture().verdict()).isEqualTo("unknown");
			assertThat(check.posture().error()).isNotBlank();
		});
	}

	private static void withCheck(String url, BusRole role, boolean production, boolean acceptOpenBus,
			Consumer<BusPostureCheck> test) {
		RedisURI uri = RedisURI.create(url);
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
		if (uri.getUsername() != null) {
			configuration.setUsername(uri.getUsername());
		}
		if (uri.getPassword() != null) {
			configuration.setPassword(uri.getPassword());
		}
		LettuceConnectionFactory connections = new LettuceConnectionFactory(configuration);
		connections.afterPropertiesSet();
		connections.start();
		try {
			test.accept(new BusPostureCheck(connections, CHANNELS, role, production, acceptOpenBus));
		}
		finally {
			connections.destroy();
		}
	}

}
