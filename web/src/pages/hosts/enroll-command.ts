/** Single-quotes a value for a POSIX shell when it holds anything but safe characters. */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * What to run on a new host (as root) to enroll it with a one-time token and start the agent:
 * `bulwark agent enroll --server <origin> --token <token>` (src/cli/agent-enroll.ts), then `bulwark agent run`.
 */
export function enrollCommand(origin: string, token: string): string {
  return `bulwark agent enroll --server ${shellQuote(origin)} --token ${shellQuote(token)} && bulwark agent run`;
}
