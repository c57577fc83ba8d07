// An error the owner can act on: a machine-readable code, worded by messages.ts.
export class AddonError extends Error {
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(message);
    this.name = 'AddonError';
  }
}
