// Writes the Worker's local variables (.dev.vars / an --env-file) in the dotenv syntax wrangler
// parses: single-quoted values are taken literally, so JSON needs no escaping.
import { writeFile } from 'node:fs/promises';

/** One `KEY='value'` line per entry; refuses what single quotes cannot carry. */
export function formatDevVars(vars: Readonly<Record<string, string>>): string {
  return Object.entries(vars)
    .map(([key, value]) => {
      if (!/^[A-Z_][A-Z0-9_]*$/.test(key)) throw new Error(`not a variable name: ${key}`);
      if (/['\r\n]/.test(value)) throw new Error(`${key}: a single-quoted dotenv value cannot hold ' or a line break`);
      return `${key}='${value}'\n`;
    })
    .join('');
}

export async function writeDevVars(file: string, vars: Readonly<Record<string, string>>): Promise<void> {
  const header = '# Written by test/dev (npm start); regenerated on every start. Local development only.\n';
  await writeFile(file, header + formatDevVars(vars), { mode: 0o600 });
}
