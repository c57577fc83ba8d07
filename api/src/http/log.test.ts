// Secrets never reach the logs or an answer: the filter, and the Worker's own error paths.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testApp } from '../../test/helpers.ts';
import { logError, redact, secretValues } from './log.ts';

afterEach(() => vi.restoreAllMocks());

describe('the log filter', () => {
  it('knows secrets by their binding names and blanks every occurrence', () => {
    const secrets = secretValues({ GOOGLE_MAPS_API_KEY: 'AIzaSyExampleExample', GBIZINFO_TOKEN: 'tok-1234567890', AUTH_AUDIENCES: 'tsugi-local', SHORT_KEY: 'abc' });
    expect(secrets).toEqual(['AIzaSyExampleExample', 'tok-1234567890']);
    expect(redact('key=AIzaSyExampleExample&again=AIzaSyExampleExample tok-1234567890', secrets)).toBe('key=[redacted]&again=[redacted] [redacted]');
  });

  it('blanks secrets in messages, stacks and causes', () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const err = new Error('upstream said AIzaSyExampleExample is invalid', { cause: new Error('again AIzaSyExampleExample') });
    logError({ GOOGLE_MAPS_API_KEY: 'AIzaSyExampleExample' }, 'boom', err, { url: 'https://x/?key=AIzaSyExampleExample' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain('AIzaSyExampleExample');
    expect(logged[0]).toContain('[redacted]');
  });
});

describe('the Worker never shows its Places key', () => {
  it('keeps it out of the answer and the log when an unexpected error carries it', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const key = 'AIzaSy-test-secret-0123456789';
    const { app } = testApp();
    app.get('/explode', () => {
      throw new Error(`Places refused key ${key}`);
    });
    const response = await app.request('/explode', {}, { ...env, GOOGLE_MAPS_API_KEY: key });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain(key);
    expect(JSON.parse(body)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error. Please try again later.' } });
    expect(logged.join('\n')).toContain('[redacted]');
    expect(logged.join('\n')).not.toContain(key);
  });

  it('sends it to Places in a header only, never in a URL the add-on or a log could see', async () => {
    const { createPlacesClient } = await import('../places/client.ts');
    const seen: { url: string; headers: Headers }[] = [];
    const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(input), headers: new Headers(init?.headers) });
      return new Response(JSON.stringify({ places: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const client = createPlacesClient({ baseUrl: 'https://places.example', apiKey: 'AIzaSy-header-only-123', fetch: fetcher as typeof fetch });
    await client.searchText({ textQuery: '美容室' }, 'places.id');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).not.toContain('AIzaSy-header-only-123');
    expect(seen[0]!.headers.get('X-Goog-Api-Key')).toBe('AIzaSy-header-only-123');
  });
});
