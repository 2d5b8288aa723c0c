import { z } from 'zod';
import type { Advisory, AffectedRange, NotAffected, ParsedFeed } from './advisory.js';
import { cvss3BaseScore } from './cvss.js';
import { parseOsvEcosystem, type DistroRelease } from './ecosystem.js';
import { parseFeedDocument } from './feed-error.js';
import { cleanUrgency, severityOfRating, severityOfScore, type Severity } from './severity.js';

const severityEntry = z.object({ type: z.string(), score: z.string() }).passthrough();
const event = z
  .object({ introduced: z.string().optional(), fixed: z.string().optional(), last_affected: z.string().optional(), limit: z.string().optional() })
  .passthrough()
  .refine((e) => [e.introduced, e.fixed, e.last_affected, e.limit].filter((v) => v !== undefined).length === 1, 'an event has exactly one of introduced, fixed, last_affected, limit');
const specific = z.record(z.string(), z.unknown());

const affectedSchema = z
  .object({
    package: z.object({ ecosystem: z.string(), name: z.string().min(1), purl: z.string().optional() }).passthrough(),
    severity: z.array(severityEntry).optional(),
    ranges: z.array(z.object({ type: z.string(), events: z.array(event).min(1) }).passthrough()).optional(),
    versions: z.array(z.string()).optional(),
    ecosystem_specific: specific.optional(),
    database_specific: specific.optional(),
  })
  .passthrough();

/** An OSV record (https://ossf.github.io/osv-schema/); fields Bulwark does not use pass through. */
export const osvRecordSchema = z
  .object({
    id: z.string().min(1).max(256),
    modified: z.string(),
    withdrawn: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    upstream: z.array(z.string()).optional(),
    summary: z.string().optional(),
    details: z.string().optional(),
    severity: z.array(severityEntry).optional(),
    affected: z.array(affectedSchema).optional(),
    database_specific: specific.optional(),
  })
  .passthrough();
export type OsvRecord = z.infer<typeof osvRecordSchema>;


const CVE = /^CVE-\d{4}-\d{4,}$/;

interface Rated {
  severity: Severity;
  score: number | null;
  vector: string | null;
  rating: string | null;
}

function stringField(record: Record<string, unknown> | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const v = record?.[name];
    if (typeof v === 'string' && v.trim() !== '') return cleanUrgency(v);
  }
  return null;
}

/** CVSS v3 from the entries (the highest when several), else the distribution's rating. */
function rate(entries: ReadonlyArray<z.infer<typeof severityEntry>>, rating: string | null): Rated {
  let best: { score: number; vector: string } | null = null;
  let typedRating: string | null = null;
  for (const e of entries) {
    if (e.type === 'CVSS_V3') {
      const score = cvss3BaseScore(e.score);
      if (score !== null && (best === null || score > best.score)) best = { score, vector: e.score };
    } else if (e.type === 'Ubuntu' && typedRating === null) typedRating = cleanUrgency(e.score);
  }
  const shown = rating ?? typedRating;
  if (best) return { severity: severityOfScore(best.score), score: best.score, vector: best.vector, rating: shown };
  return { severity: severityOfRating(shown), score: null, vector: null, rating: shown };
}

/** Walks the ECOSYSTEM events into [introduced, fixed) / [introduced, last_affected] ranges. */
function rangesOf(events: ReadonlyArray<z.infer<typeof event>>): Array<{ introduced: string; fixed: string | null; lastAffected: string | null }> {
  const out: Array<{ introduced: string; fixed: string | null; lastAffected: string | null }> = [];
  let open: string | null = null;
  for (const e of events) {
    if (e.introduced !== undefined) {
      if (open !== null) out.push({ introduced: open, fixed: null, lastAffected: null });
      open = e.introduced;
    } else if (e.fixed !== undefined || e.last_affected !== undefined) {
      out.push({ introduced: open ?? '0', fixed: e.fixed ?? null, lastAffected: e.last_affected ?? null });
      open = null;
    }
  }
  if (open !== null) out.push({ introduced: open, fixed: null, lastAffected: null });
  return out;
}

/** Normalizes one validated OSV record; `skipped` counts affected entries of ecosystems not matched here. */
export function advisoryFromOsv(record: OsvRecord): { advisory: Advisory; skipped: number } {
  const affected: AffectedRange[] = [];
  const notAffected: NotAffected[] = [];
  let skipped = 0;
  for (const entry of record.affected ?? []) {
    const target: DistroRelease | undefined = parseOsvEcosystem(entry.package.ecosystem);
    if (!target) {
      skipped++;
      continue;
    }
    const pkg = { ...target, package: entry.package.name };
    if (record.withdrawn) {
      notAffected.push(pkg);
      continue;
    }
    const rated = rate(entry.severity ?? record.severity ?? [], stringField(entry.ecosystem_specific, 'urgency', 'ubuntu_priority', 'severity') ?? stringField(entry.database_specific, 'urgency', 'severity') ?? stringField(record.database_specific, 'urgency', 'severity'));
    const ranges = (entry.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM').flatMap((r) => rangesOf(r.events));
    // without ranges, the explicit versions are the affected ones
    const explicit = ranges.length === 0 ? (entry.versions ?? []).map((v) => ({ introduced: v, fixed: null, lastAffected: v })) : [];
    const all = [...ranges, ...explicit];
    if (all.length === 0) notAffected.push(pkg);
    for (const r of all) affected.push({ ...pkg, ...r, ...rated });
  }
  const aliases = [...new Set([...(record.aliases ?? []), ...(record.upstream ?? [])])].filter((a) => a !== record.id && CVE.test(a));
  return {
    advisory: { id: record.id, aliases, summary: (record.summary ?? record.details ?? '').slice(0, 1000), modified: record.modified, affected, notAffected },
    skipped,
  };
}

/** Parses an OSV document (one record or an array); throws `Vuln.InvalidFeed` naming the field. */
export function parseOsv(value: unknown, source: string): ParsedFeed {
  // one record or an array of them (validated separately so errors name the field, not the union)
  const records = Array.isArray(value) ? parseFeedDocument(z.array(osvRecordSchema), value, source) : [parseFeedDocument(osvRecordSchema, value, source)];
  let skipped = 0;
  const advisories: Advisory[] = [];
  for (const record of records) {
    const r = advisoryFromOsv(record);
    skipped += r.skipped;
    if (r.advisory.affected.length > 0 || r.advisory.notAffected.length > 0) advisories.push(r.advisory);
  }
  return { format: 'osv', advisories, skipped };
}
