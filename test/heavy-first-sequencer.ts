/**
 * The order test files start in, for a suite that runs several files at once: the ones that start
 * real pis, `serve` and Chromium (conformance, e2e, stress) first, then the rest. Running them at
 * once only pays if the longest ones do not start last and leave one worker busy for minutes while
 * the others idle. Within each group vitest's own order holds (slowest first by the durations of
 * the last run, larger files first when there are none); that cache is shared by every partial run
 * and is often missing a file, which is why the groups do not rely on it.
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const HEAVY = ["test/conformance/", "test/e2e/", "test/stress/"];

const isHeavy = (spec: TestSpecification): boolean => {
  const path = relative(spec.project.config.root, spec.moduleId).split("\\").join("/");
  return HEAVY.some((dir) => path.startsWith(dir));
};

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter(isHeavy), ...sorted.filter((spec) => !isHeavy(spec))];
  }
}
