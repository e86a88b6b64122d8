import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes } from '@portico/contracts';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { CLIENT_CODES, isKnownCode, messageForError } from './errors';
import en from './i18n/en.json';

const SERVER_SRC = fileURLToPath(new URL('../../../server/src', import.meta.url));

/** Every TypeScript file of the server, tests left out. */
function serverFiles(dir = SERVER_SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The codes the server's source throws: `new AppError('code', …)` and the like. */
function codesThrownByServer(): Set<string> {
  const codes = new Set<string>();
  for (const file of serverFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/AppError\(\s*'([a-z_]+)'/g)) codes.add(m[1] ?? '');
  }
  return codes;
}

const words: Record<string, string> = en.errors.codes;

describe('problem codes the web app can put in the reader’s language', () => {
  it('finds the codes the server throws, and each is a declared stable code', () => {
    const thrown = codesThrownByServer();
    expect(thrown.size).toBeGreaterThan(30);
    const undeclared = [...thrown].filter((c) => !(ErrorCodes as readonly string[]).includes(c));
    expect(undeclared).toEqual([]);
  });

  it('has English words for every code the server may send and the app itself makes', () => {
    const missing = [...ErrorCodes, ...CLIENT_CODES].filter(
      (code) => !(typeof words[code] === 'string' && words[code]),
    );
    expect(missing).toEqual([]);
    const unknown = Object.keys(words).filter((code) => !isKnownCode(code));
    expect(unknown).toEqual([]);
  });

  it('shows the catalog’s words for a problem, not the server’s English detail', () => {
    const t = ((key: string) => `translated:${key}`) as unknown as TFunction;
    const declined = new ApiError({
      type: 'about:blank',
      title: 'Card declined',
      status: 402,
      code: 'card_declined',
      detail: 'Your card was declined by the bank.',
    });
    expect(messageForError(t, declined)).toBe('translated:errors.codes.card_declined');
    const future = new ApiError({
      type: 'about:blank',
      title: 'x',
      status: 409,
      code: 'from_a_newer_server',
      detail: 'Newer words.',
    });
    expect(messageForError(t, future)).toBe('Newer words.');
  });
});
