import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.js';

function found(ac: AhoCorasick, text: string): string[] {
  return [...ac.search(Buffer.from(text))].map((i) => ac.keywords[i]!).sort();
}

describe('AhoCorasick', () => {
  it('finds overlapping keywords and keywords that end inside others', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers']);
    expect(found(ac, 'ushers')).toEqual(['he', 'hers', 'she']);
    expect(found(ac, 'this')).toEqual(['his']);
    expect(found(ac, 'nothing here')).toEqual(['he']);
    expect(found(ac, 'xyz')).toEqual([]);
  });

  it('is case-insensitive for ASCII', () => {
    const ac = new AhoCorasick(['ltai', 'sts.', '-----begin']);
    expect(found(ac, 'key=LTAIabc and Sts.x\n-----BEGIN RSA')).toEqual(['-----begin', 'ltai', 'sts.']);
  });

  it('follows failure links across partial matches', () => {
    const ac = new AhoCorasick(['abcd', 'bcx']);
    expect(found(ac, 'abcx')).toEqual(['bcx']);
    expect(found(ac, 'ababcd')).toEqual(['abcd']);
  });

  it('handles non-ASCII keywords as UTF-8 bytes', () => {
    const ac = new AhoCorasick(['密钥']);
    expect(found(ac, '这是密钥=1')).toEqual(['密钥']);
  });
});
