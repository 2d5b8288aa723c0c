import { num } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordMinLength = passwordPolicyCheck(
  { id: 'BWK-RAM-001', title: 'RAM password policy allows passwords shorter than 14 characters', rationale: 'Length is the main defence against guessing and cracking; CIS asks for 14 or more (default 8).' },
  { name: 'minimum_password_length', ok: (v) => (num(v) ?? 0) >= 14, missing: 'fail', message: 'minimum length below 14', example: '14' },
);
