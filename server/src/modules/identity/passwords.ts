import { PASSWORD_MIN_LENGTH, type FieldError } from '@portico/contracts';
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

const COMMON = new Set([
  'password123',
  'password1234',
  '1234567890',
  'qwertyuiop',
  '12345678910',
  'iloveyou123',
  'passw0rd123',
  'welcome123',
  'letmein1234',
  'portico123',
  'abcdefghij',
  '0987654321',
]);

/** Plain-language reasons a new password is not acceptable; empty when it is fine. */
export function passwordProblems(password: string, email: string, field = 'password'): FieldError[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  } else if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password)) {
    problems.push('This password is too easy to guess. Try a short phrase of three or four words.');
  } else {
    const local = email.split('@')[0]?.toLowerCase() ?? '';
    if (local.length >= 4 && password.toLowerCase().includes(local)) {
      problems.push('Do not use your email address in your password.');
    }
  }
  return problems.map((message) => ({ field, message }));
}
