// The SSRF guard: which URLs the site reader refuses, in every spelling of a private address.
import { describe, expect, it } from 'vitest';
import { checkTarget, FetchGuardError, parseIPv6, privateHostReason } from './fetch-guard.ts';

const codeOf = (url: string, allowPrivateHosts = false): string | null => {
  try {
    checkTarget(new URL(url), { allowPrivateHosts });
    return null;
  } catch (err) {
    if (err instanceof FetchGuardError) return err.code;
    throw err;
  }
};

describe('checkTarget', () => {
  it.each(['https://www.sora-hair.jp/', 'http://example.co.jp/contact/', 'https://8.8.8.8/', 'https://[2606:4700::1111]/', 'https://xn--eckwd4c7c.jp/', 'http://sub.domain.tokyo.jp:8080/a?b=c'])(
    'lets the public URL %s through',
    (url) => {
      expect(codeOf(url)).toBeNull();
    },
  );

  it.each(['ftp://x.jp/', 'file:///etc/passwd', 'data:text/html,hi', 'javascript:alert(1)', 'gopher://x.jp/', 'ws://x.jp/'])('refuses the scheme of %s', (url) => {
    expect(codeOf(url)).toBe('URL_SCHEME');
    expect(codeOf(url, true)).toBe('URL_SCHEME');
  });

  it.each([
    // IPv4 private ranges and special addresses
    'http://127.0.0.1/',
    'http://127.1.2.3:8080/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    // other spellings of 127.0.0.1, which URL canonicalises
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    // IPv6
    'http://[::1]/',
    'http://[::]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::a00:1]/',
    'http://[2002:c0a8:101::1]/',
    'http://[ff02::1]/',
    'http://[fd00:ec2::254]/',
    // names
    'http://localhost/',
    'http://LOCALHOST:3000/',
    'http://localhost./',
    'http://api.localhost/',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://intranet/',
    'http://metadata/',
    'http://router.home.arpa/',
  ])('refuses the private target %s', (url) => {
    expect(codeOf(url)).toBe('URL_PRIVATE');
  });

  it('allows loopback and private hosts when asked (the CLI reading a local server)', () => {
    expect(codeOf('http://127.0.0.1:8799/sites/www.x.jp/', true)).toBeNull();
    expect(codeOf('http://localhost:3000/', true)).toBeNull();
    expect(codeOf('http://[::1]/', true)).toBeNull();
  });

  it('refuses credentials in the URL, even for local hosts', () => {
    expect(codeOf('https://user:secret@www.x.jp/')).toBe('URL_PRIVATE');
    expect(codeOf('https://user@www.x.jp/')).toBe('URL_PRIVATE');
    expect(codeOf('http://admin:admin@127.0.0.1/', true)).toBe('URL_PRIVATE');
  });

  it('says why in the message', () => {
    expect(() => checkTarget(new URL('http://169.254.169.254/'), { allowPrivateHosts: false })).toThrow(/link-local/);
    expect(() => checkTarget(new URL('http://2130706433/'), { allowPrivateHosts: false })).toThrow(/127\.0\.0\.1 is loopback/);
  });
});

describe('privateHostReason', () => {
  it('treats public IPv4 neighbours of private ranges as public', () => {
    expect(privateHostReason('172.32.0.1')).toBeNull();
    expect(privateHostReason('100.128.0.1')).toBeNull();
    expect(privateHostReason('11.0.0.1')).toBeNull();
    expect(privateHostReason('192.169.0.1')).toBeNull();
  });

  it('refuses malformed all-numeric hosts', () => {
    expect(privateHostReason('1.2.3.4.5')).not.toBeNull();
  });
});

describe('parseIPv6', () => {
  it('expands compressed and IPv4-suffixed forms into eight words', () => {
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('12345::')).toBeNull();
  });
});
