/**
 * A Sigma rule for tests that upload one: a shell started through apt's pre-invoke hook (GTFOBins).
 * Tests differ only in the rule's `level` and whether it names an `id`.
 */
export function aptShellSigma(level: 'high' | 'critical', id?: string): string {
  return `title: Shell spawned through apt
${id === undefined ? '' : `id: ${id}\n`}level: ${level}
logsource:
  product: linux
  category: process_creation
detection:
  selection:
    CommandLine|contains: 'APT::Update::Pre-Invoke::='
  condition: selection
`;
}
