import { PASSWORD_MIN_LENGTH, type FieldError } from '@portico/contracts';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, t=2, p=1): strong, and quick enough for a busy sign-in page.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spend the same time as a real check so response time does not reveal whether an account exists. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('portico-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

// Scored by zxcvbn-ts with its common-password, diceware, English-word, name and Wikipedia lists
// (offline, in the package): the well-kept list the issue asks for, instead of our own dozen words.
// Its word lists take about 11 MiB of heap, so they load at the first new password, not at start.
let strength: Promise<ZxcvbnFactory> | null = null;
function meter(): Promise<ZxcvbnFactory> {
  strength ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return strength;
}

/** zxcvbn's 0–4 score a new password must reach: 3 = "safely unguessable" for an online attack. */
export const MIN_PASSWORD_SCORE = 3;

/** Plain-language reasons a new password is not acceptable; empty when it is fine. */
export async function passwordProblems(password: string, email: string, field = 'password'): Promise<FieldError[]> {
  const problems: string[] = [];
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  } else if (local.length >= 4 && password.toLowerCase().includes(local)) {
    problems.push('Do not use your email address in your password.');
  } else {
    // Long inputs are scored on their first 100 characters: the check stays fast, and no such
    // password is guessable anyway.
    const result = (await meter()).check(password.slice(0, 100), [email, local]);
    if (result.score < MIN_PASSWORD_SCORE) {
      problems.push(
        'This password is too easy to guess: it is common, or close to a common word, name or pattern. Try a short phrase of three or four unrelated words.',
      );
    }
  }
  return problems.map((message) => ({ field, message }));
}
