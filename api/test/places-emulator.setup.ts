// Starts the Places emulators in Node for the Worker tests, which reach them over loopback: one
// that stays at day 0 for most tests, and one whose clock the newness tests move. Also starts a
// fake of Google's JWKS endpoint for the identity tests (its URL and private keys are provided),
// and the gBizINFO emulator over the same synthetic companies (token: DEFAULT_GBIZINFO_TOKEN).
import type { TestProject } from 'vitest/node';
import { startGbizinfoEmulator } from '../../test/emulators/gbizinfo/server.ts';
import { startPlacesEmulator } from '../../test/emulators/places/server.ts';
import { startGoogleJwks, type GoogleJwks } from './google-jwks.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    placesEmulatorUrl: string;
    clockEmulatorUrl: string;
    googleJwks: GoogleJwks;
    gbizinfoEmulatorUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const fixed = await startPlacesEmulator({ port: 0 });
  const clocked = await startPlacesEmulator({ port: 0 });
  const google = await startGoogleJwks();
  const gbizinfo = await startGbizinfoEmulator({ port: 0 });
  project.provide('placesEmulatorUrl', fixed.url);
  project.provide('clockEmulatorUrl', clocked.url);
  project.provide('googleJwks', { url: google.url, keys: google.keys });
  project.provide('gbizinfoEmulatorUrl', gbizinfo.url);
  return async () => {
    await fixed.close();
    await clocked.close();
    await google.close();
    await gbizinfo.close();
  };
}
