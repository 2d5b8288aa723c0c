/** ModSecurity's numeric reading of a value: leading integer (atoi), 0 when there is none. */
export function toNumber(value: string): number {
  const m = /^\s*([+-]?\d+)/.exec(value);
  return m ? parseInt(m[1] as string, 10) : 0;
}
