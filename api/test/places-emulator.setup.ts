// Starts the Places emulator in Node for the Worker tests, which reach it over loopback.
import type { TestProject } from 'vitest/node';
import { startPlacesEmulator } from '../../test/emulators/places/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    placesEmulatorUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const emulator = await startPlacesEmulator({ port: 0 });
  project.provide('placesEmulatorUrl', emulator.url);
  return () => emulator.close();
}
