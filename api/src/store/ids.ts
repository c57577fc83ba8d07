// Random and derived identifiers.

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function randomId(prefix: string, bytes = 16): string {
  return `${prefix}_${base64url(crypto.getRandomValues(new Uint8Array(bytes)))}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A lead's id is derived from tenant and place, so a place served again after its batch expired
 * carries the same id, and the add-on recognises the row it may already have written.
 */
export async function leadId(tenantId: string, placeId: string): Promise<string> {
  return `ld_${(await sha256Hex(`${tenantId}\u0000${placeId}`)).slice(0, 24)}`;
}
