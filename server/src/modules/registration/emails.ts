import type { Compose } from '../mail/index.js';

// Like every Portico email: no health information, not even the MRN — a notice and a link. In the
// language the person registered in.

/** The new patient's way into the portal: the existing activation-code enrollment. */
export const registrationComplete =
  (orgName: string, code: string, link: string): Compose =>
  (tr) => ({
    subject: tr.t('email.registration.subject', { org: orgName }),
    lines: [
      tr.t('email.registration.complete', { org: orgName }),
      '',
      tr.t('email.registration.code'),
      '',
      `    ${code}`,
      '',
      link,
      '',
      tr.t('email.registration.expires'),
      tr.t('email.registration.ignore'),
    ],
  });

/**
 * A registration staff matched to a record the person already has. The account is never linked
 * by email: the person signs in as before, or calls so staff can confirm who they are.
 */
export const registrationMatched =
  (orgName: string, phone: string, signInLink: string): Compose =>
  (tr) => ({
    subject: tr.t('email.registration.subject', { org: orgName }),
    lines: [
      tr.t('email.registration.matched', { org: orgName }),
      '',
      tr.t('email.registration.signIn', { link: signInLink }),
      tr.t('email.registration.call', { phone }),
    ],
  });

/**
 * A registration held because it matches a record the person may already have. Nothing is
 * created or linked: the registration office checks and calls; meanwhile they can sign in or
 * reset their password if they have an account.
 */
export const registrationHeld =
  (orgName: string, phone: string, signInLink: string, resetLink: string): Compose =>
  (tr) => ({
    subject: tr.t('email.registration.subject', { org: orgName }),
    lines: [
      tr.t('email.registration.held', { org: orgName }),
      tr.t('email.registration.heldNext'),
      '',
      tr.t('email.registration.signIn', { link: signInLink }),
      tr.t('email.registration.forgot', { link: resetLink }),
      tr.t('email.registration.heldCall', { phone }),
      '',
      tr.t('email.registration.ignore'),
    ],
  });
