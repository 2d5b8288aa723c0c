import type { AgentModule, AgentModuleOptions } from './daemon-module.js';
import { banSyncModule } from './reputation/ban-sync-module.js';
import { intrusionModule } from './intrusion/intrusion-module.js';
import { processModule } from './intrusion/process/process-module.js';

/** Registry: modules `bulwark agent run` (and `bulwark dev`'s local agent, `light`) starts beside its report loop (intrusion detection, …). */
export const AGENT_MODULES: ReadonlyArray<(options?: AgentModuleOptions) => AgentModule> = [intrusionModule, processModule, banSyncModule];
