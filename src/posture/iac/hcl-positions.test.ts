import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hclPositions, lineAtPath } from './hcl-positions.js';

const SRC = `# comment with resource "x" "y" {
resource "alicloud_db_instance" "db" {
  engine = "MySQL" // trailing
  /* block
     comment { */
  parameters = [{
    name  = "a"
    value = "ON"
  }, {
    name  = "log_connections"
    value = "OFF"
  }]
  tags = {
    "Env" = "prod",
    Owner : "team"
  }
  doc = <<EOF
  { "not": "a block" }
  EOF
  weird = "a } b \${var.x} { c"
  inline { x = 1 }
  inline {
    x = 2
  }
  list = [
    "0.0.0.0/0",
    "10.0.0.0/8",
  ]
}

resource "alicloud_vpc" "main" {
  cidr_block = "10.0.0.0/8"
}
`;

describe('hclPositions', () => {
  const root = hclPositions(SRC);
  const [db] = root.children!.get('resource')!;
  const [vpc] = root.children!.get('resource')!.slice(1);

  it('finds resource blocks with their labels and lines, ignoring comments and heredocs', () => {
    expect(root.children!.get('resource')!.map((r) => [r.labels, r.line])).toEqual([
      [['alicloud_db_instance', 'db'], 2],
      [['alicloud_vpc', 'main'], 31],
    ]);
    expect(lineAtPath(vpc!, ['cidr_block'])).toBe(32);
  });

  it('locates attributes, tuple elements, object keys and repeated blocks', () => {
    expect(lineAtPath(db!, ['engine'])).toBe(3);
    expect(lineAtPath(db!, ['parameters'])).toBe(6);
    expect(lineAtPath(db!, ['parameters', 1, 'value'])).toBe(11);
    expect(lineAtPath(db!, ['tags', 'Env'])).toBe(14);
    expect(lineAtPath(db!, ['tags', 'Owner'])).toBe(15);
    expect(lineAtPath(db!, ['doc'])).toBe(17);
    expect(lineAtPath(db!, ['weird'])).toBe(20);
    expect(lineAtPath(db!, ['inline', 0, 'x'])).toBe(21);
    expect(lineAtPath(db!, ['inline', 1, 'x'])).toBe(23);
    expect(lineAtPath(db!, ['list', 1])).toBe(27);
  });

  it('falls back to the deepest part present', () => {
    expect(lineAtPath(db!, ['missing'])).toBe(2);
    expect(lineAtPath(db!, ['parameters', 7, 'value'])).toBe(6);
    expect(lineAtPath(db!, ['tags', 'Nope'])).toBe(13);
  });
});

describe('hclPositions on arbitrary text', () => {
  it('always terminates with lines inside the text', () => {
    const piece = fc.constantFrom('resource "a" "b" {', '}', '{', '[', ']', '"', '${', '<<EOF\n', 'EOF\n', '#', '//', '/*', '*/', '=', ':', ',', '\n', 'x', ' ', 'for ', '(', ')');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const src = parts.join('');
        const lines = src.split('\n').length;
        const walk = (n: ReturnType<typeof hclPositions>): void => {
          expect(n.line).toBeGreaterThanOrEqual(1);
          expect(n.line).toBeLessThanOrEqual(lines);
          for (const list of n.children?.values() ?? []) list.forEach(walk);
          n.items?.forEach(walk);
        };
        walk(hclPositions(src));
      }),
      { numRuns: 500 },
    );
  });
});
