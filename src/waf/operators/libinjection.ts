import { createRequire } from 'node:module';

interface DdwafResult { events?: Array<{ rule: { id: string }; rule_matches?: Array<{ parameters?: Array<{ highlight?: string[] }> }> }> }
interface DdwafContext { run(payload: { ephemeral: Record<string, string | string[]> }, timeout: number): DdwafResult; dispose(): void }
interface DdwafInstance { createContext(): DdwafContext }
type DdwafCtor = new (rules: object, path: string) => DdwafInstance;

const require = createRequire(import.meta.url);
let instance: DdwafInstance | undefined;

/** libddwaf (from @datadog/native-appsec) loaded with a two-rule set: libinjection is_sqli and is_xss. */
function waf(): DdwafInstance {
  if (instance === undefined) {
    const { DDWAF } = require('@datadog/native-appsec') as { DDWAF: DdwafCtor };
    const rule = (id: string, operator: string, address: string): object => ({
      id, name: id, tags: { type: id, category: 'attack_attempt' },
      conditions: [{ operator, parameters: { inputs: [{ address }] } }], transformers: [],
    });
    instance = new DDWAF({
      version: '2.2', metadata: { rules_version: '1.0.0' },
      rules: [rule('sqli', 'is_sqli', 'bulwark.sqli'), rule('xss', 'is_xss', 'bulwark.xss')],
    }, 'bulwark-libinjection');
  }
  return instance;
}

/**
 * One libddwaf context serves many runs: the values are passed as ephemeral data, so each run is
 * evaluated afresh (a rule that matched before matches again) and nothing accumulates. Creating a
 * context costs about twice a run, so it is replaced only every CONTEXT_RUNS runs.
 */
let context: DdwafContext | undefined;
let contextRuns = 0;
const CONTEXT_RUNS = 4096;

function run(kind: 'sqli' | 'xss', input: string | string[]): DdwafResult {
  if (context === undefined || contextRuns >= CONTEXT_RUNS) {
    context?.dispose();
    context = waf().createContext();
    contextRuns = 0;
  }
  contextRuns++;
  return context.run({ ephemeral: { [`bulwark.${kind}`]: input } }, 10_000_000);
}

/**
 * Runs libinjection on one value. Returns undefined when it is benign, else the fingerprint (SQLi) or
 * an empty string (XSS). The binary string is passed as UTF-16 text; bytes ≥ 0x80 reach libinjection
 * UTF-8 encoded, which its tokenizers treat as ordinary word characters either way.
 */
export function libinjection(kind: 'sqli' | 'xss', input: string): string | undefined {
  const event = run(kind, input).events?.[0];
  if (event === undefined) return undefined;
  return event.rule_matches?.[0]?.parameters?.[0]?.highlight?.[0] ?? '';
}

/** libddwaf reads at most this many elements of an array (the rest would go unchecked). */
export const LIBINJECTION_BATCH = 256;

/**
 * True when libinjection finds none of the values suspicious — one libddwaf run per 256 values instead
 * of one per value (each value is checked exactly as `libinjection(kind, value)` checks it: same
 * 4,096-byte limit, same tokenizer). False as soon as any batch holds a match.
 */
export function libinjectionNone(kind: 'sqli' | 'xss', inputs: readonly string[]): boolean {
  for (let i = 0; i < inputs.length; i += LIBINJECTION_BATCH) {
    const batch = inputs.slice(i, i + LIBINJECTION_BATCH);
    if (run(kind, batch).events?.[0] !== undefined) return false;
  }
  return true;
}
