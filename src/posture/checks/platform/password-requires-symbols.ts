import { passwordPolicyCheck } from './password-policy-rule.js';

export const passwordRequiresSymbols = passwordPolicyCheck(
  {
    id: 'BWK-RAM-107',
    title: 'RAM password policy requires a symbol',
    severity: 'low',
    rationale: 'Requiring every character class widens the space an attacker has to search.',
    console: 'RAM → Settings → Security settings → Password strength: require a symbol.',
  },
  { field: 'RequireSymbols', expected: 'true', ok: (p) => p.RequireSymbols },
);
