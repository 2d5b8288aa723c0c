import type { OperatorFactory } from './operator.js';

/**
 * `@rbl`: a DNS block-list lookup in ModSecurity. The engine is transport-free and does no network I/O
 * on the request path, so it never matches (documented in docs/waf.md); IP reputation is a gateway
 * feature.
 */
export const rbl: OperatorFactory = () => () => false;
