// Error logging that cannot leak a secret: whatever is logged (messages, stacks, causes) passes
// through a filter that blanks the values of the Worker's secrets (GOOGLE_MAPS_API_KEY,
// GBIZINFO_TOKEN, …: any binding whose name says key, token or secret).
const SECRET_NAME = /(KEY|KEYS|TOKEN|SECRET|PASSWORD)$/i;
const MIN_SECRET_LENGTH = 8;

/** The values of the environment's secret bindings (strings long enough to be secrets). */
export function secretValues(env: object): string[] {
  return Object.entries(env).flatMap(([name, value]) =>
    SECRET_NAME.test(name) && typeof value === 'string' && value.length >= MIN_SECRET_LENGTH ? [value] : [],
  );
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause === undefined ? '' : `\ncaused by: ${describe(err.cause)}`;
  return `${err.stack ?? `${err.name}: ${err.message}`}${cause}`;
}

/** console.error with every secret of `env` blanked out of the label, context and error. */
export function logError(env: object, label: string, err: unknown, ...context: unknown[]): void {
  const secrets = secretValues(env);
  const parts = [label, ...context.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))), describe(err)];
  console.error(redact(parts.join(' '), secrets));
}
