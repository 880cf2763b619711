package io.qhub.benchmarks;

import java.util.List;

/**
 * One scenario of the harness; it measures and reports, and never fails on a missed
 * target.
 */
public interface Scenario {

	/**
	 * The scenario's number (1 to 10) as in {@code BENCHMARKS.md}.
	 * @return the number
	 */
	int number();

	/**
	 * Runs the scenario.
	 * @param options the harness options (sizes, gateway)
	 * @return one row per variant
	 * @throws Exception when the scenario cannot run at all
	 */
	List<ScenarioResult> run(HarnessOptions options) throws Exception;

}
