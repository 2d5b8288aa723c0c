import { LiteralScreen } from './operators/literal-screen.js';
import type { RequiredLiterals } from './operators/operator.js';
import type { Rule } from './types.js';

/**
 * The rules (chain links included) whose operators have required literals, grouped by transformation
 * chain: all rules of a group see the same transformed value, so one pass of the group's LiteralScreen
 * over that value tells which of them can match it at all. A value that holds none of a rule's literals
 * is not given to the rule's operator (the operator would have answered "no match").
 */
export class ScreenGroup {
  private readonly members: RequiredLiterals[] = [];
  private screen: LiteralScreen | undefined;

  constructor(readonly tkey: string) {}

  /** Adds a member; returns its index in scan results. */
  add(literals: RequiredLiterals): number {
    if (this.screen !== undefined) throw new Error('screen group already in use');
    return this.members.push(literals) - 1;
  }

  /** See LiteralScreen.scan (the automaton is built on first use). */
  scan(value: string): Uint8Array | null {
    this.screen ??= new LiteralScreen(this.members);
    return this.screen.scan(value);
  }
}

/**
 * Phrase lists larger than this (CRS's file-name and error-message lists) stay out of the screens: their
 * automatons would cost more memory and start-up time than the screen saves (their operators keep their
 * own prefilter and memo).
 */
const MAX_MEMBER_BYTES = 20_000;

function literalBytes(literals: RequiredLiterals): number {
  let n = 0;
  for (const l of literals.literals) n += l.length;
  return n;
}

/** A rule's place in its screen group. */
export interface ScreenSlot {
  readonly group: ScreenGroup;
  readonly index: number;
}

/** Assigns every screenable rule link (operator literals known, no multiMatch) its slot. */
export function screenSlots(rules: readonly Rule[]): ReadonlyMap<Rule, ScreenSlot> {
  const groups = new Map<string, ScreenGroup>();
  const slots = new Map<Rule, ScreenSlot>();
  for (const starter of rules) {
    for (let link: Rule | undefined = starter; link !== undefined; link = link.chain) {
      const literals = link.operator?.literals;
      if (literals === undefined || link.multiMatch || slots.has(link) || literalBytes(literals) > MAX_MEMBER_BYTES) continue;
      const tkey = link.transformations.map((t) => t.name).join(',');
      let group = groups.get(tkey);
      if (group === undefined) { group = new ScreenGroup(tkey); groups.set(tkey, group); }
      slots.set(link, { group, index: group.add(literals) });
    }
  }
  return slots;
}
