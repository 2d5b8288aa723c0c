import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { ConditionValueError, type PolicyScalar } from './conditions/operator.js';
import { CONDITION_OPERATORS } from './conditions/registry.js';
import { MAX_POLICY_DOCUMENT_LENGTH, type PolicyDocument, type PolicyKind, type PolicyStatement, type PrincipalType } from './document.js';

/** `*`, or `<service>:<Action>` where both parts may hold `*`/`?` wildcards (`ram:Get*`, `ecs:*`). */
const ACTION = /^(\*|[A-Za-z0-9_.*?-]+:[A-Za-z0-9_.*?/-]+)$/;
/** `*`, or an ARN `acs:<service>:<region>:<account>:<relative id>`; any part may hold wildcards. */
const RESOURCE = /^(\*|acs:[^:\s]*:[^:\s]*:[^:\s]*:\S+)$/;
/** `<prefix>:<Key>`, e.g. `acs:SourceIp`, `acs:ResourceTag/env`, `oss:Prefix`. */
const CONDITION_KEY = /^[A-Za-z0-9_.-]+:\S+$/;
const PRINCIPAL_TYPES: readonly PrincipalType[] = ['RAM', 'Service', 'Federated'];

const required = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);

const stringList = z.union([z.string(), z.array(z.string()).min(1, { error: 'must not be an empty array' })], { error: required('a string or a non-empty array of strings') });
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const conditionValues = z.union([scalar, z.array(scalar).min(1, { error: 'must not be an empty array' })], { error: required('a string, number, boolean or a non-empty array of them') });

const statementSchema = z.strictObject({
  Sid: z.string({ error: required('a string') }).optional(),
  Effect: z.enum(['Allow', 'Deny'], { error: required('"Allow" or "Deny"') }),
  Action: stringList.optional(),
  NotAction: stringList.optional(),
  Resource: stringList.optional(),
  NotResource: stringList.optional(),
  Principal: z.record(z.string(), stringList, { error: required('an object such as {"RAM": ["acs:ram::<accountId>:root"]}') }).optional(),
  Condition: z
    .record(z.string(), z.record(z.string(), conditionValues, { error: required('an object of condition keys') }), { error: required('an object of condition operators') })
    .optional(),
});

const documentSchema = z.strictObject(
  {
    Version: z.literal('1', { error: required('"1"') }),
    Statement: z.array(statementSchema, { error: required('an array of statements') }).min(1, { error: 'must hold at least one statement' }),
  },
  { error: required('a JSON object') },
);

type RawStatement = z.infer<typeof statementSchema>;

/** Renders a zod/JSON path as `Statement[1].Condition.IpAddress.acs:SourceIp[0]`. */
export function formatPolicyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const name = String(part);
      if (/^[^\s.[\]"]+$/.test(name)) out += out === '' ? name : `.${name}`;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out === '' ? 'PolicyDocument' : out;
}

class PathError extends Error {
  constructor(
    readonly path: ReadonlyArray<PropertyKey>,
    reason: string,
  ) {
    super(reason);
  }
}

function malformed(path: ReadonlyArray<PropertyKey>, reason: string): BulwarkError {
  return new BulwarkError('MalformedPolicyDocument', { path: formatPolicyPath(path), reason });
}

const asList = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

/** Path of element `i` of a string-or-array element: indexed only when the document wrote an array. */
const itemPath = (base: ReadonlyArray<PropertyKey>, raw: unknown, i: number): PropertyKey[] => (Array.isArray(raw) ? [...base, i] : [...base]);

function checkPatterns(base: PropertyKey[], raw: string | readonly string[], pattern: RegExp, what: string): readonly string[] {
  const list = asList(raw);
  list.forEach((value, i) => {
    if (!pattern.test(value)) throw new PathError(itemPath(base, raw, i), `invalid ${what} ${JSON.stringify(value)}`);
  });
  return list;
}

function normaliseStatement(raw: RawStatement, index: number, kind: PolicyKind): PolicyStatement {
  const base: PropertyKey[] = ['Statement', index];
  const out: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { Effect: raw.Effect };
  if (raw.Sid !== undefined) out.Sid = raw.Sid;

  if (raw.Action !== undefined && raw.NotAction !== undefined) throw new PathError(base, 'has both Action and NotAction; use one');
  if (raw.Action === undefined && raw.NotAction === undefined) throw new PathError(base, 'needs Action or NotAction');
  if (raw.Action !== undefined) out.Action = checkPatterns([...base, 'Action'], raw.Action, ACTION, 'action, expected "<service>:<Action>" or "*":');
  if (raw.NotAction !== undefined) out.NotAction = checkPatterns([...base, 'NotAction'], raw.NotAction, ACTION, 'action, expected "<service>:<Action>" or "*":');

  if (raw.Resource !== undefined && raw.NotResource !== undefined) throw new PathError(base, 'has both Resource and NotResource; use one');
  if (kind === 'identity' && raw.Resource === undefined && raw.NotResource === undefined) throw new PathError(base, 'needs Resource or NotResource');
  if (raw.Resource !== undefined) out.Resource = checkPatterns([...base, 'Resource'], raw.Resource, RESOURCE, 'resource, expected "acs:<service>:<region>:<accountId>:<id>" or "*":');
  if (raw.NotResource !== undefined) out.NotResource = checkPatterns([...base, 'NotResource'], raw.NotResource, RESOURCE, 'resource, expected "acs:<service>:<region>:<accountId>:<id>" or "*":');

  if (kind === 'identity' && raw.Principal !== undefined) throw new PathError([...base, 'Principal'], 'is only allowed in a trust policy (a role\'s AssumeRolePolicyDocument)');
  if (kind === 'trust') {
    if (raw.Principal === undefined) throw new PathError(base, 'needs Principal in a trust policy');
    const principal: Partial<Record<PrincipalType, readonly string[]>> = {};
    const entries = Object.entries(raw.Principal);
    if (entries.length === 0) throw new PathError([...base, 'Principal'], 'must name at least one of RAM, Service, Federated');
    for (const [type, values] of entries) {
      if (!(PRINCIPAL_TYPES as readonly string[]).includes(type)) throw new PathError([...base, 'Principal', type], 'is not a principal type; use RAM, Service or Federated');
      const list = asList(values);
      list.forEach((v, i) => {
        if (v.trim() === '') throw new PathError(itemPath([...base, 'Principal', type], values, i), 'must not be empty');
      });
      principal[type as PrincipalType] = list;
    }
    out.Principal = principal;
  }

  if (raw.Condition !== undefined) {
    const condition: Record<string, Record<string, readonly PolicyScalar[]>> = {};
    for (const [opName, keys] of Object.entries(raw.Condition)) {
      const opPath = [...base, 'Condition', opName];
      const operator = CONDITION_OPERATORS.get(opName);
      if (!operator) throw new PathError(opPath, `unknown condition operator; use one of ${[...CONDITION_OPERATORS.keys()].join(', ')}`);
      const entries = Object.entries(keys);
      if (entries.length === 0) throw new PathError(opPath, 'must name at least one condition key');
      const perKey: Record<string, readonly PolicyScalar[]> = {};
      const seen = new Set<string>();
      for (const [key, values] of entries) {
        const keyPath = [...opPath, key];
        if (!CONDITION_KEY.test(key)) throw new PathError(keyPath, 'invalid condition key, expected "<prefix>:<Key>" such as "acs:SourceIp"');
        const lower = key.toLowerCase();
        if (seen.has(lower)) throw new PathError(keyPath, 'repeats a condition key (keys are case-insensitive)');
        seen.add(lower);
        const list = asList(values);
        try {
          operator.compile(list);
        } catch (e) {
          if (e instanceof ConditionValueError) throw new PathError(itemPath(keyPath, values, e.index), e.message);
          throw e;
        }
        perKey[key] = list;
      }
      condition[opName] = perKey;
    }
    out.Condition = condition;
  }
  return out;
}

export interface ParseOptions {
  /** `identity` (default) or `trust` (a role's AssumeRolePolicyDocument). */
  readonly kind?: PolicyKind;
}

/**
 * Parses and validates a RAM policy document (a JSON string, or an already-parsed value) into its
 * normalised form. Throws `BulwarkError('MalformedPolicyDocument', {path, reason})` naming the first
 * offending element, e.g. `Statement[1].Condition.IpAddress.acs:SourceIp[0]: invalid CIDR "10.0.0.0/33"`.
 */
export function parsePolicyDocument(input: unknown, options: ParseOptions = {}): PolicyDocument {
  const kind = options.kind ?? 'identity';
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_POLICY_DOCUMENT_LENGTH) throw malformed([], `is ${input.length} characters long; the maximum is ${MAX_POLICY_DOCUMENT_LENGTH}`);
    if (input.trim() === '') throw malformed([], 'is empty');
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw malformed([], `is not valid JSON (${(e as Error).message})`);
    }
  } else {
    const text = JSON.stringify(input);
    if (text !== undefined && text.length > MAX_POLICY_DOCUMENT_LENGTH) throw malformed([], `is ${text.length} characters long once serialised; the maximum is ${MAX_POLICY_DOCUMENT_LENGTH}`);
  }
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    // an unknown element name usually explains the rest (e.g. `effect` also leaves Effect missing)
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw malformed([...issue.path, ...issue.keys.slice(0, 1)], 'is not a policy element (element names are case-sensitive)');
    }
    if (issue.code === 'invalid_union') {
      // string-or-array elements: when the array branch failed on one item, name that item
      const inner = issue.errors.flat().find((i) => i.path.length > 0);
      if (inner !== undefined) {
        const reason = inner.code === 'invalid_type' ? `must be a ${inner.expected}` : inner.message;
        throw malformed([...issue.path, ...inner.path], reason);
      }
    }
    throw malformed(issue.path, issue.message);
  }
  try {
    return { Version: '1', Statement: parsed.data.Statement.map((s, i) => normaliseStatement(s, i, kind)) };
  } catch (e) {
    if (e instanceof PathError) throw malformed(e.path, e.message);
    throw e;
  }
}
