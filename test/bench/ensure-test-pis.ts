/**
 * The real pis the bench compares against, installed by the project itself (as `npm test` does,
 * through scripts/install-test-pis.mjs; a no-op when they are there), so `npm run bench` works
 * on a fresh clone. main.ts imports this module first: the cases' modules look the pis up when
 * they load (test/conformance/pi-versions.ts), which would stop the run before any case.
 */
import { installTestPis } from "../../scripts/install-test-pis.mjs";

installTestPis();
