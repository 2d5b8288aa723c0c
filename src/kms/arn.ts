/** KMS ARNs as RAM policies name them. */
export function keyArn(region: string, accountId: string, keyId: string): string {
  return `acs:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, alias: string): string {
  return `acs:kms:${region}:${accountId}:${alias}`;
}

export function secretArn(region: string, accountId: string, name: string): string {
  return `acs:kms:${region}:${accountId}:secret/${name}`;
}
