package com.virtdevice.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Everything one run measured: table rows with ratios and verdicts, and raw details. */
final class Results {

	private final List<Row> rows = new ArrayList<>();

	private final Map<String, Object> details = new LinkedHashMap<>();

	private final List<String> notDone = new ArrayList<>();

	synchronized void add(Row row) {
		this.rows.add(row);
		System.out.println("  " + row.render());
	}

	synchronized void detail(String key, Object value) {
		this.details.put(key, value);
	}

	synchronized double number(String key) {
		return ((Number) this.details.get(key)).doubleValue();
	}

	synchronized void notDone(String what) {
		this.notDone.add(what);
		System.out.println("  NOT DONE: " + what);
	}

	synchronized List<Row> rows() {
		return List.copyOf(this.rows);
	}

	synchronized Map<String, Object> details() {
		return new LinkedHashMap<>(this.details);
	}

	synchronized List<String> notDoneList() {
		return List.copyOf(this.notDone);
	}

	/**
	 * One line of the table.
	 *
	 * @param section the measurement number and name
	 * @param metric what was measured
	 * @param value the figure
	 * @param unit its unit
	 * @param ratio the figure over its same-run baseline, if it has one
	 * @param target the target in words, if there is one
	 * @param met whether the target was met
	 */
	record Row(String section, String metric, double value, String unit, @Nullable Double ratio,
			@Nullable String target, @Nullable Boolean met) {

		static Row of(String section, String metric, double value, String unit) {
			return new Row(section, metric, round(value), unit, null, null, null);
		}

		Row ratio(double baseline) {
			return new Row(this.section, this.metric, this.value, this.unit,
					(baseline > 0) ? Math.round(this.value / baseline * 1000) / 1000.0 : null, this.target, this.met);
		}

		Row target(String target, boolean met) {
			return new Row(this.section, this.metric, this.value, this.unit, this.ratio, target, met);
		}

		String verdict() {
			return (this.met == null) ? "" : (this.met ? "met" : "MISSED");
		}

		String render() {
			return String.format("%-26s %-58s %12s %-9s %8s  %-30s %s", this.section, this.metric, format(this.value),
					this.unit, (this.ratio != null) ? String.format("%.3f", this.ratio) : "", nonNull(this.target),
					verdict());
		}

		static String format(double value) {
			if (value == Math.rint(value) && Math.abs(value) < 1e15) {
				return String.format("%,d", (long) value);
			}
			return (Math.abs(value) >= 100) ? String.format("%,.0f", value) : String.format("%.2f", value);
		}

		private static String nonNull(@Nullable String text) {
			return (text != null) ? text : "";
		}

		private static double round(double value) {
			return (Math.abs(value) >= 100) ? Math.rint(value) : Math.round(value * 100) / 100.0;
		}

	}

}
