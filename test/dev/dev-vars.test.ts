import { describe, expect, it } from 'vitest';
import { formatDevVars } from './dev-vars.ts';

describe('formatDevVars', () => {
  it('single-quotes each value so JSON goes through untouched', () => {
    const jwks = JSON.stringify({ keys: [{ kty: 'RSA', n: 'abc_-', e: 'AQAB', kid: 'local-1' }] });
    expect(formatDevVars({ LOCAL_ISSUER_JWKS: jwks, GOOGLE_MAPS_API_KEY: 'local-emulator-key' })).toBe(
      `LOCAL_ISSUER_JWKS='${jwks}'\nGOOGLE_MAPS_API_KEY='local-emulator-key'\n`,
    );
  });

  it('refuses values single quotes cannot carry, and bad names', () => {
    expect(() => formatDevVars({ A: "it's" })).toThrow();
    expect(() => formatDevVars({ A: 'two\nlines' })).toThrow();
    expect(() => formatDevVars({ 'not-a-name': 'x' })).toThrow();
  });
});
