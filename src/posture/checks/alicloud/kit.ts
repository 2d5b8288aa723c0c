/**
 * Shared pieces of the Alibaba Cloud IaC checks: the per-resource check builder and small value
 * readers. A value that is `Unknown` is never judged: the verdict is not_applicable.
 */
import type { Check, CheckMeta, CheckResult } from '../../check.js';
import { hasUnknown, isUnknown, resourcesOf, valueAt, type AttrPath, type IacInput, type IacResource } from '../../iac/resource.js';

export type IacCheck = Check<IacInput>;

export type Verdict =
  | { status: 'pass'; message?: string }
  | { status: 'not_applicable'; message: string }
  | { status: 'fail'; path: AttrPath; message: string; evidence?: Record<string, unknown> };

export const pass = (message?: string): Verdict => ({ status: 'pass', ...(message ? { message } : {}) });
export const na = (message: string): Verdict => ({ status: 'not_applicable', message });
export const fail = (path: AttrPath, message: string, evidence: Record<string, unknown> = {}): Verdict => ({ status: 'fail', path, message, evidence });

/** One result per verdict; the line of a failure is the deepest part of its path in the source. */
export function toResult(checkId: string, r: IacResource, v: Verdict): CheckResult {
  const failed = v.status === 'fail';
  const line = failed ? r.lineOf(v.path) : r.line;
  return {
    checkId,
    status: v.status,
    resource: { id: r.address, type: r.type, file: r.file, ...(line !== undefined ? { line } : {}) },
    message: v.message ?? 'compliant',
    evidence: failed ? { path: v.path.join('.'), ...v.evidence } : {},
  };
}

/**
 * A check judged resource by resource over `meta.resourceTypes`; `judge` may return several
 * verdicts when a resource has several independent problems (each its own finding and line).
 */
export function resourceCheck(meta: Omit<CheckMeta, 'source'>, judge: (r: IacResource, input: IacInput) => Verdict | Verdict[]): IacCheck {
  return {
    ...meta,
    source: 'iac',
    evaluate(input: IacInput): CheckResult[] {
      const out: CheckResult[] = [];
      for (const r of resourcesOf(input, ...meta.resourceTypes)) {
        const verdicts = judge(r, input);
        const list = Array.isArray(verdicts) ? verdicts : [verdicts];
        if (list.length === 0) out.push(toResult(meta.id, r, pass()));
        for (const v of list) out.push(toResult(meta.id, r, v));
      }
      return out;
    },
  };
}

/** The attribute at a path of a resource. */
export function attr(r: IacResource, ...path: AttrPath): unknown {
  return valueAt(r.attributes, path);
}

export function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

export function isFalse(v: unknown): boolean {
  return v === false || v === 'false';
}

/** A number, or a numeric string; undefined otherwise. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

/** Occurrences of a nested block (or elements of a list of objects); [] when absent. */
export function blocks(r: IacResource, name: string): Array<Record<string, unknown>> {
  const v = r.attributes[name];
  if (Array.isArray(v)) return v.filter((b): b is Record<string, unknown> => b !== null && typeof b === 'object' && !isUnknown(b));
  if (v !== null && typeof v === 'object' && !isUnknown(v)) return [v as Record<string, unknown>];
  return [];
}

/** not_applicable when a block is only known at apply time (`dynamic` blocks, unknown plan values). */
export function unknownBlock(r: IacResource, name: string): Verdict | undefined {
  return isUnknown(r.attributes[name]) ? na(`${name} is only known at apply time`) : undefined;
}

/** `fail` when the attribute is a known value `bad` rejects, or absent and the default is bad. */
export function expectAttr(r: IacResource, name: string, ok: (v: unknown) => boolean, opts: { missing: 'pass' | 'fail'; message: string }): Verdict {
  const v = r.attributes[name];
  if (v === undefined || v === null) return opts.missing === 'fail' ? fail([name], `${opts.message} (${name} not set)`, { [name]: null }) : pass();
  if (isUnknown(v)) return na(`${name} is only known at apply time`);
  return ok(v) ? pass() : fail([name], `${opts.message} (${name} = ${JSON.stringify(v)})`, { [name]: v });
}

export { hasUnknown, isUnknown };
