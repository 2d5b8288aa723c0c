import { describe, expect, it } from 'vitest';
import { splitArgv } from './argv.js';

describe('splitArgv', () => {
  it('splits on blanks and keeps quoted words whole, without any shell expansion', () => {
    expect(splitArgv('stat -Lc "%n %a %u" /etc/passwd')).toEqual(['stat', '-Lc', '%n %a %u', '/etc/passwd']);
    expect(splitArgv(`sh -c "systemctl is-enabled a.service & systemctl is-active a.service"`)).toEqual(['sh', '-c', 'systemctl is-enabled a.service & systemctl is-active a.service']);
    expect(splitArgv(`awk '$1 == "x" {print $2}' f`)).toEqual(['awk', '$1 == "x" {print $2}', 'f']);
    expect(splitArgv(`--execute="SELECT 'x'" a\\ b`)).toEqual([`--execute=SELECT 'x'`, 'a b']);
    expect(splitArgv('echo $HOME `id` *')).toEqual(['echo', '$HOME', '`id`', '*']);
    expect(splitArgv('a "b\\"c"')).toEqual(['a', 'b"c']);
    expect(splitArgv('a ""')).toEqual(['a', '']);
  });

  it('an unterminated quote is undefined', () => {
    expect(splitArgv('echo "abc')).toBeUndefined();
    expect(splitArgv("echo 'abc")).toBeUndefined();
  });
});
