/**
 * A real agent dir with the service and the profiles feature over it, as the profiles tests open
 * it: pi's catalog, no watcher, the app's data in a temp dir of its own. `close` removes it all.
 */
import { ProfilesFeature } from "../../../../src-main/core/profiles/profiles-feature.js";
import { ProfileStore } from "../../../../src-main/core/profiles/profile-store.js";
import { SwitchboardService } from "../../../../src-main/core/service.js";
import { makeAgentDir, piCatalog, tempDir } from "../files/agent-dir-fixture.js";

export async function openProfiles(files: Parameters<typeof makeAgentDir>[0], dataPrefix: string) {
  const { agentDir, cleanup } = await makeAgentDir(files);
  const data = await tempDir(dataPrefix);
  const service = await SwitchboardService.open({ agentDir, watch: false, catalog: await piCatalog() });
  const profiles = new ProfilesFeature(service, new ProfileStore(data.dir));
  const close = async () => {
    profiles.close();
    service.close();
    await cleanup();
    await data.cleanup();
  };
  return { agentDir, dataDir: data.dir, service, profiles, close };
}
