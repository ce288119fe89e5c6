import { describe, expect, it } from 'vitest';
import { takeToken } from './token.js';

describe('the access token', () => {
  it('is taken from the address fragment, kept for the session and removed from the address bar', () => {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const history = { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    expect(takeToken({ hash: '#token=abc123', pathname: '/', search: '' }, storage, history)).toBe('abc123');
    expect(replaced).toEqual(['/']);
    expect(takeToken({ hash: '', pathname: '/', search: '' }, storage, history)).toBe('abc123');
  });
});
