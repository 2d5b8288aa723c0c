import { z } from 'zod';
import type { Advisory, AffectedRange, NotAffected, ParsedFeed } from './advisory.js';
import { DEBIAN_CODENAMES, debianReleaseOf } from './ecosystem.js';
import { parseFeedDocument } from './feed-error.js';
import { cleanUrgency, severityOfRating } from './severity.js';

const releaseSchema = z
  .object({
    status: z.string(),
    fixed_version: z.string().optional(),
    urgency: z.string().optional(),
    repositories: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();

const issueSchema = z
  .object({
    description: z.string().optional(),
    scope: z.string().optional(),
    // the tracker serializes an empty map as `[]`
    releases: z.union([z.record(z.string(), releaseSchema), z.array(z.never()).max(0)]),
  })
  .passthrough();

/** The Debian Security Tracker JSON (https://security-tracker.debian.org/tracker/data/json). */
export const debianTrackerSchema = z.record(z.string(), z.record(z.string(), issueSchema));

/**
 * Normalizes the tracker: one advisory per issue id (CVE or TEMP id) across source packages.
 * `fixed_version "0"` means the release was never affected; `open` (and `undetermined`) issues have
 * no fixed version yet; the urgency (with a trailing `**` stripped) rates the finding.
 */
export function parseDebianTracker(value: unknown, source: string): ParsedFeed {
  const doc = parseFeedDocument(debianTrackerSchema, value, source);
  const byId = new Map<string, { summary: string; affected: AffectedRange[]; notAffected: NotAffected[] }>();
  let skipped = 0;
  for (const [pkg, issues] of Object.entries(doc)) {
    for (const [id, issue] of Object.entries(issues)) {
      let entry = byId.get(id);
      if (!entry) {
        entry = { summary: (issue.description ?? '').slice(0, 1000), affected: [], notAffected: [] };
        byId.set(id, entry);
      }
      const releases = Array.isArray(issue.releases) ? {} : issue.releases;
      for (const [codename, rel] of Object.entries(releases)) {
        if (!(codename in DEBIAN_CODENAMES)) {
          skipped++;
          continue;
        }
        const target = { distro: 'debian' as const, release: debianReleaseOf(codename), package: pkg };
        const fixed = rel.status === 'resolved' ? (rel.fixed_version ?? null) : null;
        if (fixed === '0' || rel.status === 'not-affected') {
          entry.notAffected.push(target);
          continue;
        }
        if (rel.status === 'resolved' && fixed === null) {
          skipped++; // resolved without a version says nothing to match
          continue;
        }
        const rating = rel.urgency ? cleanUrgency(rel.urgency) : null;
        entry.affected.push({ ...target, introduced: '0', fixed, lastAffected: null, severity: severityOfRating(rating), score: null, vector: null, rating });
      }
    }
  }
  const advisories: Advisory[] = [];
  for (const [id, e] of byId) {
    if (e.affected.length === 0 && e.notAffected.length === 0) continue;
    advisories.push({ id, aliases: [], summary: e.summary, modified: null, affected: e.affected, notAffected: e.notAffected });
  }
  return { format: 'debian', advisories, skipped };
}
