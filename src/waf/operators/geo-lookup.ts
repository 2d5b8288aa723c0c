import type { OperatorFactory } from './operator.js';

/**
 * `@geoLookup`: ModSecurity fills the GEO collection from a GeoIP database and matches when the address
 * is found. This engine ships no GeoIP database (SecGeoLookupDb is accepted and ignored), so the lookup
 * never finds the address and never matches; country rules belong in the gateway's ACLs.
 */
export const geoLookup: OperatorFactory = () => () => false;
