/** Shells whose stdio on a network socket means a remote shell. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ksh93', 'mksh', 'ash', 'busybox', 'csh', 'tcsh', 'fish', 'rbash']);

/** Script interpreters used for one-line reverse shells. */
export const INTERPRETERS = /^(python[\d.]*|perl[\d.]*|ruby[\d.]*|php[\d.]*|lua[\d.]*|node|nodejs|awk|gawk|mawk|tclsh[\d.]*)$/;

export function isShellOrInterpreter(name: string): boolean {
  return SHELLS.has(name) || INTERPRETERS.test(name);
}
