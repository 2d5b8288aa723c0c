/** Shells whose stdio on a network socket means a remote shell. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ksh93', 'mksh', 'ash', 'busybox', 'csh', 'tcsh', 'fish', 'rbash']);

/** Script interpreters used for one-line reverse shells. */
export const INTERPRETERS = /^(python[\d.]*|perl[\d.]*|ruby[\d.]*|php[\d.]*|lua[\d.]*|node|nodejs|awk|gawk|mawk|tclsh[\d.]*)$/;

/** netcat and its variants. */
export const NETCATS: ReadonlySet<string> = new Set(['nc', 'ncat', 'netcat', 'nc.traditional', 'nc.openbsd', 'pwncat', 'cryptcat']);

/** Tools that relay a network connection to their stdin/stdout. */
export const NETWORK_RELAYS: ReadonlySet<string> = new Set([...NETCATS, 'socat', 'openssl', 'telnet', 'busybox']);

export function isShellOrInterpreter(name: string): boolean {
  return SHELLS.has(name) || INTERPRETERS.test(name);
}
