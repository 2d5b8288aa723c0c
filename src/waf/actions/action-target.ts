import type { MapCollection } from '../variables/collection.js';
import type { Macro } from './macro.js';

/** What runtime actions may touch: the transaction's mutable collections, macro expansion and ctl. */
export interface ActionTarget {
  expand(macro: Macro): string;
  /** A writable collection (TX, ENV, or a per-transaction stand-in for IP/SESSION/GLOBAL/USER/RESOURCE). */
  collection(name: string): MapCollection | undefined;
  ctl(option: string, value: string): void;
}
