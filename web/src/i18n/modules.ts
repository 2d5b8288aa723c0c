import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import { eventsText } from '../pages/events/text.js';
import { incidentsText } from '../pages/incidents/text.js';
import { protectionText } from '../pages/protection/text.js';
import { alertsText } from '../pages/alerts/text.js';
import { dashboardText } from '../pages/dashboard/text.js';
import { hostsText } from '../pages/hosts/text.js';
import { reputationText } from '../pages/reputation/text.js';
import { vulnText } from '../pages/vuln/text.js';

type Table = Record<string, unknown>;

/**
 * Registry: the text tables of console modules that keep their own (`web/src/pages/<module>/text.ts`,
 * each exporting `{ en, 'zh-CN' }` under one top-level key of its own). One line per module.
 */
const MODULES: readonly { en: object; 'zh-CN': object }[] = [
  eventsText,
  incidentsText,
  protectionText,
  alertsText,
  dashboardText,
  hostsText,
  reputationText,
  vulnText,
];

/** Core table + module tables; a top-level key defined twice is a programming error. */
export function mergeTables(core: object, modules: readonly object[]): Table {
  const out: Table = { ...(core as Table) };
  for (const m of modules) {
    for (const [k, v] of Object.entries(m)) {
      if (k in out) throw new Error(`console text: top-level key "${k}" is defined twice`);
      out[k] = v;
    }
  }
  return out;
}

/** Every language's full table: the core tables plus each module's. */
export const TABLES = {
  en: mergeTables(en, MODULES.map((m) => m.en)),
  'zh-CN': mergeTables(zhCN, MODULES.map((m) => m['zh-CN'])),
};
