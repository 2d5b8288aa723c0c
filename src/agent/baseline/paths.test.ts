import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, writeTree } from '../test-support/tree.js';
import { expandPaths, underRoot } from './paths.js';

describe('paths under a root', () => {
  const root = writeTree({ 'etc/ssh/sshd_config.d/10-a.conf': '', 'etc/ssh/sshd_config.d/20-b.conf': '', 'etc/ssh/sshd_config.d/.hidden.conf': '', 'etc/ssh/sshd_config.d/x.txt': '' });
  afterAll(() => removeTree(root));

  it('resolves under the root and cannot climb out of it', () => {
    expect(underRoot(root, '/etc/passwd')).toEqual({ shown: '/etc/passwd', real: `${root}/etc/passwd` });
    expect(underRoot(root, '/../../etc/passwd').real).toBe(`${root}/etc/passwd`);
    expect(underRoot('/', '/etc/passwd').real).toBe('/etc/passwd');
  });

  it('expands comma lists and wildcards (hidden files only when asked for)', () => {
    expect(expandPaths(root, '/etc/ssh/sshd_config, /etc/ssh/sshd_config.d/*.conf').map((p) => p.shown)).toEqual([
      '/etc/ssh/sshd_config',
      '/etc/ssh/sshd_config.d/10-a.conf',
      '/etc/ssh/sshd_config.d/20-b.conf',
    ]);
    expect(expandPaths(root, '/etc/*/sshd_config.d/?0-a.conf').map((p) => p.shown)).toEqual(['/etc/ssh/sshd_config.d/10-a.conf']);
    expect(expandPaths(root, '/nope/*.conf')).toEqual([]);
  });
});
