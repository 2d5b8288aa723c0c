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

/** Parses `acs:kms:<region>:<account>:key/<id>`; anything else is undefined. */
export function parseKeyArn(arn: string): { region: string; accountId: string; keyId: string } | undefined {
  const m = /^acs:kms:([^:]*):([^:]*):key\/([A-Za-z0-9-]+)$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, keyId: m[3]! } : undefined;
}
