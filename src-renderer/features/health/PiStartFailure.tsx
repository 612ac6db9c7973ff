/**
 * The user's pi does not start (`pi --version` fails: a broken install, or a release that crashes
 * on today's dependencies). Said in Config health, with pi's own error line and the command that
 * shows it, and that what the app lists is what the files say, unchecked by pi.
 */
import type { PiInfo } from "../../../src-main/core/common/index.js";
import { Notice } from "../../ui/Notice";
import { visibleText } from "../../../src-main/core/common/visible-text";

export function PiStartFailureNotice({ pi }: { pi: PiInfo }) {
  const failure = pi.startFailure;
  if (!failure) return null;
  return (
    <Notice tone="error">
      <strong>pi {pi.version ?? ""} itself fails to start.</strong> Its first error line:
      <pre className="start-failure-line">{visibleText(failure.firstErrorLine)}</pre>
      Run <code>{failure.command}</code> in a terminal to see it, then reinstall pi or install another version. Until pi starts, the app shows what the files say, unchecked by
      pi.
    </Notice>
  );
}
