import type { AgentModule } from './daemon-module.js';
import { intrusionModule } from './intrusion/intrusion-module.js';

/** Registry: modules `bulwark agent run` starts beside its report loop (intrusion detection, …). */
export const AGENT_MODULES: ReadonlyArray<() => AgentModule> = [intrusionModule];
