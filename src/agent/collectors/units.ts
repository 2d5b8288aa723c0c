import { lstatSync } from 'node:fs';
import { basename } from 'node:path';
import type { Collector } from './collector.js';
import type { CollectContext } from './context.js';
import type { SystemdUnit } from './inventory.js';
import { listDir, readLink, readText } from './read.js';

/** Unit search path, highest precedence first (systemd.unit(5)). */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
const UNIT_SUFFIX = /\.(service|socket|timer|target|mount|automount|path|swap|slice|scope|device)$/;

/** `getty@tty1.service` → `getty@.service` (the template an instance comes from). */
function templateOf(name: string): string | undefined {
  const m = /^([^@]+)@[^.]+(\.\w+)$/.exec(name);
  return m ? `${m[1]}@${m[2]}` : undefined;
}

/** Unit name → targets that want or require it, from the `*.wants` / `*.requires` links under /etc. */
function enabledLinks(ctx: CollectContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dir of ['/etc/systemd/system']) {
    for (const entry of listDir(ctx.at(dir))) {
      const m = /^(.+)\.(wants|requires)$/.exec(entry);
      if (!m) continue;
      for (const unit of listDir(ctx.at(`${dir}/${entry}`))) {
        for (const name of [unit, templateOf(unit)]) {
          if (!name) continue;
          const list = out.get(name) ?? [];
          if (!list.includes(m[1] as string)) list.push(m[1] as string);
          out.set(name, list);
        }
      }
    }
  }
  return out;
}

/** Description and whether the unit has an `[Install]` section with something to enable. */
export function parseUnitFile(text: string): { description: string; installable: boolean } {
  let section = '';
  let description = '';
  let installable = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) section = line;
    else if (section === '[Unit]' && line.startsWith('Description=') && !description) description = line.slice(12).trim();
    else if (section === '[Install]' && /^(WantedBy|RequiredBy|UpheldBy|Also|Alias)=\S/.test(line)) installable = true;
  }
  return { description, installable };
}

/** systemd unit files of every search-path folder, with their state (enabled, disabled, static, masked). */
export const unitsCollector: Collector = {
  name: 'units',
  sections: ['units'],
  collect(ctx) {
    const links = enabledLinks(ctx);
    const seen = new Set<string>();
    const units: SystemdUnit[] = [];
    for (const dir of UNIT_DIRS) {
      for (const name of listDir(ctx.at(dir))) {
        if (!UNIT_SUFFIX.test(name) || seen.has(name)) continue;
        const path = `${dir}/${name}`;
        let isLink = false;
        try {
          const st = lstatSync(ctx.at(path));
          if (st.isDirectory()) continue;
          isLink = st.isSymbolicLink();
        } catch {
          continue;
        }
        let file = path;
        if (isLink) {
          const target = readLink(ctx.at(path)) ?? '';
          if (target === '/dev/null') {
            seen.add(name);
            units.push({ name, type: name.slice(name.lastIndexOf('.') + 1), path, state: 'masked', wantedBy: [], description: '' });
            continue;
          }
          if (basename(target) !== name) continue; // an alias of another unit
          file = target.startsWith('/') ? target : `${dir}/${target}`;
        }
        seen.add(name);
        const parsed = parseUnitFile(readText(ctx.at(file)) ?? '');
        const wantedBy = links.get(name) ?? [];
        const state = wantedBy.length > 0 ? 'enabled' : parsed.installable ? 'disabled' : 'static';
        units.push({ name, type: name.slice(name.lastIndexOf('.') + 1), path: file, state, wantedBy, description: parsed.description });
      }
    }
    units.sort((a, b) => a.name.localeCompare(b.name));
    return { units };
  },
};
