import { createRequire } from 'node:module';

interface DdwafContext { run(payload: { ephemeral: Record<string, string> }, timeout: number): { events?: Array<{ rule: { id: string }; rule_matches?: Array<{ parameters?: Array<{ highlight?: string[] }> }> }> }; dispose(): void }
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
 * Runs libinjection on one value. Returns undefined when it is benign, else the fingerprint (SQLi) or
 * an empty string (XSS). The binary string is passed as UTF-16 text; bytes ≥ 0x80 reach libinjection
 * UTF-8 encoded, which its tokenizers treat as ordinary word characters either way.
 */
export function libinjection(kind: 'sqli' | 'xss', input: string): string | undefined {
  const ctx = waf().createContext();
  try {
    const result = ctx.run({ ephemeral: { [`bulwark.${kind}`]: input } }, 10_000_000);
    const event = result.events?.[0];
    if (event === undefined) return undefined;
    return event.rule_matches?.[0]?.parameters?.[0]?.highlight?.[0] ?? '';
  } finally {
    ctx.dispose();
  }
}
