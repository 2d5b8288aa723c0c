import type { OperatorFactory } from './operator.js';

/** `@noMatch`: never matches. */
export const noMatch: OperatorFactory = () => () => false;
