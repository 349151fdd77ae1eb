package com.virtdevice.alexa.report;

import com.virtdevice.alexa.AlexaProperties.TemperatureScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PropertyMappingTest {

	private final PropertyMapping mapping = new PropertyMapping(TemperatureScale.CELSIUS);

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					powerState               | on                                                  | "ON"
					brightness               | 80                                                  | 80
					brightness               | 80.0                                                | 80
					percentage               | 0                                                   | 0
					color                    | {"hue":350.5,"saturation":0.71,"brightness":1}      | {"hue":350.5,"saturation":0.71,"brightness":1}
					colorTemperatureInKelvin | 2700                                                | 2700
					targetSetpoint           | {"value":21.5,"scale":"CELSIUS"}                    | {"value":21.5,"scale":"CELSIUS"}
					lowerSetpoint            | 18                                                  | {"value":18,"scale":"CELSIUS"}
					upperSetpoint            | {"value":77,"scale":"fahrenheit"}                   | {"value":77,"scale":"FAHRENHEIT"}
					thermostatMode           | HEAT                                                | "HEAT"
					temperature              | {"value":-3.25,"scale":"CELSIUS"}                   | {"value":-3.25,"scale":"CELSIUS"}
					contact                  | NOT_DETECTED                                        | "NOT_DETECTED"
					motion                   | detected                                            | "DETECTED"
					lockState                | JAMMED                                              | "JAMMED"
					connectivity             | UNREACHABLE                                         | {"value":"UNREACHABLE"}
					connectivity             | {"value":"OK"}                                      | {"value":"OK"}
					toggle:Oscillate         | OFF                                                 | "OFF"
					range:Fan.Speed          | 3                                                   | 3
					range:Blind.Lift         | 42.5                                                | 42.5
					mode:Wash.Cycle          | Wash.Cycle.Delicates                                | "Wash.Cycle.Delicates"
					""")
	void convertsEveryMappedPropertyToItsWireValue(String property, String stored, String wire) {
		AlexaStateProperty mapped = this.mapping.find(property).orElseThrow();
		assertThat(mapped.convert(stored).toString()).isEqualTo(wire);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			powerState               | maybe
			brightness               | bright
			brightness               | 101
			brightness               | 50.5
			percentage               | -1
			color                    | red
			color                    | {"hue":400,"saturation":0.5,"brightness":0.5}
			color                    | {"hue":"120","saturation":0.5,"brightness":0.5}
			colorTemperatureInKelvin | 999
			targetSetpoint           | {"value":120,"scale":"FAHRENHEIT"}
			targetSetpoint           | {"value":20,"scale":"RANKINE"}
			temperature              | warm
			thermostatMode           | DRY
			contact                  | OPEN
			lockState                | ajar
			connectivity             | MAYBE
			toggle:Night             | 1
			range:Fan.Speed          | fast
			range:Fan.Speed          | NaN
			""")
	void refusesValuesThatHaveNoAlexaForm(String property, String stored) {
		AlexaStateProperty mapped = this.mapping.find(property).orElseThrow();
		assertThatExceptionOfType(UnconvertibleValue.class).isThrownBy(() -> mapped.convert(stored));
	}

	@Test
	void mapsControllerInstancesFromThePropertyName() {
		AlexaStateProperty toggle = this.mapping.find("toggle:Light.Night").orElseThrow();
		assertThat(toggle.namespace()).isEqualTo("Alexa.ToggleController");
		assertThat(toggle.name()).isEqualTo("toggleState");
		assertThat(toggle.instance()).isEqualTo("Light.Night");
		assertThat(this.mapping.find("range:Fan.Speed").orElseThrow().name()).isEqualTo("rangeValue");
		assertThat(this.mapping.find("mode:Wash.Cycle").orElseThrow().name()).isEqualTo("mode");
		assertThat(this.mapping.find("contact").orElseThrow().name()).isEqualTo("detectionState");
	}

	@Test
	void ignoresPropertiesOutsideTheTable() {
		assertThat(this.mapping.find("label")).isEmpty();
		assertThat(this.mapping.find("toggle:")).isEmpty();
		assertThat(this.mapping.find("dial:Volume")).isEmpty();
		assertThat(this.mapping.find("PowerState")).isEmpty();
	}

	@Test
	void readsBareTemperaturesInTheConfiguredScale() {
		PropertyMapping fahrenheit = new PropertyMapping(TemperatureScale.FAHRENHEIT);
		assertThat(fahrenheit.find("temperature").orElseThrow().convert("68").toString())
			.isEqualTo("{\"value\":68,\"scale\":\"FAHRENHEIT\"}");
	}

}
