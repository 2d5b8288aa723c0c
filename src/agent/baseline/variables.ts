/** Policy variables: `$name` → value (Wazuh writes lists as comma-separated values). */
export type Variables = ReadonlyMap<string, string>;

/** Replaces every `$name` that is a defined variable; returns undefined names in `missing`. */
export function substituteVariables(text: string, variables: Variables): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
    const value = variables.get(name);
    if (value === undefined) {
      missing.push(whole);
      return whole;
    }
    return value;
  });
  return { text: out, missing };
}
