import { describe, expect, it } from 'vitest';
import { cvss3BaseScore } from './cvss.js';
import { severityOfRating, severityOfScore } from './severity.js';

describe('CVSS v3 base score', () => {
  it.each<[string, number]>([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
    ['CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L', 2.9],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
    // temporal/environmental metrics do not change the base score; metric order does not matter
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O', 9.8],
    ['CVSS:3.1/S:U/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N', 9.8],
  ])('%s → %d', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it.each(['AV:N/AC:L/Au:N/C:P/I:P/A:P', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'CVSS:3.1/AV:N/AC:L', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'])('no score for %s', (vector) => {
    expect(cvss3BaseScore(vector)).toBeNull();
  });

  it('maps scores and ratings to severities', () => {
    expect([9.8, 7.5, 5.9, 2.9, 0].map(severityOfScore)).toEqual(['critical', 'high', 'medium', 'low', 'negligible']);
    expect(['high**', 'medium', 'low**', 'unimportant', 'not yet assigned', 'Important', 'Moderate', 'Critical'].map(severityOfRating)).toEqual(['high', 'medium', 'low', 'negligible', 'unknown', 'high', 'medium', 'critical']);
  });
});
