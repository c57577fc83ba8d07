// Starts the Places emulators in Node for the Worker tests, which reach them over loopback: one
// that stays at day 0 for most tests, and one whose clock the newness tests move.
import type { TestProject } from 'vitest/node';
import { startPlacesEmulator } from '../../test/emulators/places/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    placesEmulatorUrl: string;
    clockEmulatorUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const fixed = await startPlacesEmulator({ port: 0 });
  const clocked = await startPlacesEmulator({ port: 0 });
  project.provide('placesEmulatorUrl', fixed.url);
  project.provide('clockEmulatorUrl', clocked.url);
  return async () => {
    await fixed.close();
    await clocked.close();
  };
}
