import type { MailMessage } from '../mail/index.js';

// Like every Portico email: no health information, not even the MRN — a notice and a link.

/** The new patient's way into the portal: the existing activation-code enrollment. */
export function registrationComplete(to: string, orgName: string, code: string, link: string): MailMessage {
  return {
    to,
    subject: `Your registration with ${orgName}`,
    text: [
      `Your registration with ${orgName} is complete.`,
      '',
      'To set up your Portico sign-in, open the link below and enter this activation code with your date of birth:',
      '',
      `    ${code}`,
      '',
      link,
      '',
      'The code works once and expires in 30 days.',
      'If you did not register, you can ignore this message.',
    ].join('\n'),
  };
}

/**
 * A registration staff matched to a record the person already has. The account is never linked
 * by email: the person signs in as before, or calls so staff can confirm who they are.
 */
export function registrationMatched(to: string, orgName: string, phone: string, signInLink: string): MailMessage {
  return {
    to,
    subject: `Your registration with ${orgName}`,
    text: [
      `Thank you for registering with ${orgName}. You are already registered with us, so we kept your existing record.`,
      '',
      `If you have a Portico account, sign in here: ${signInLink}`,
      `If you do not, call us at ${phone}. After we confirm who you are, we will give you an activation code to set up your sign-in.`,
    ].join('\n'),
  };
}
