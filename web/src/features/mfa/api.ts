import type { MfaChallenge, MfaMethod, SessionInfo, SignInResult } from '@portico/contracts';

export type { MfaStatus, RecoveryCodes, TotpEnrollment } from '@portico/contracts';

/** Router state the second-step page reads: which methods, and where to go after. */
export interface SecondStepState {
  methods: MfaMethod[];
  from?: string;
}

export function needsSecondStep(result: SignInResult): result is MfaChallenge {
  return 'mfaRequired' in result;
}

export function readSecondStepState(state: unknown): SecondStepState | null {
  if (typeof state !== 'object' || state === null || !('methods' in state) || !Array.isArray(state.methods))
    return null;
  const methods = state.methods.filter((m): m is MfaMethod => m === 'totp' || m === 'recovery' || m === 'passkey');
  const from = 'from' in state && typeof state.from === 'string' ? state.from : undefined;
  return { methods, ...(from ? { from } : {}) };
}

export type { SessionInfo };
