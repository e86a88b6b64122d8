import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, linkToken, runJobs, signIn, type TestContext } from './context.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port; Portico talks to it exactly as to a production relay. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; inbox: Received[] }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, inbox };
}

/** Quoted-printable soft line breaks would split long links; undo them for reading. */
const decode = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({
    PORTICO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    PORTICO_MAIL_FROM: 'Portico <no-reply@test.example>',
  });
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
});

describe('mail over SMTP', () => {
  it('delivers a password reset link that works, with no health data in the message', async () => {
    const user = await createUser(ctx, 'patient');
    await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: user.email } });
    await runJobs(ctx);
    const mail = smtp.inbox.find((m) => m.to.includes(user.email));
    expect(mail).toBeDefined();
    const text = decode(mail?.raw ?? '');
    expect(text).toMatch(/^From: Portico <no-reply@test\.example>/m);
    expect(text).toMatch(/^Subject: Reset your Portico password/m);
    expect(text).not.toMatch(/1950-02-03|Pat /);
    const token = linkToken(text);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, password: 'lantern harbor dawn' },
    });
    expect(res.statusCode).toBe(204);
    const row = await ctx.database.db
      .selectFrom('mail_outbox')
      .select(['status'])
      .where('to_address', '=', user.email)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('delivers calendar attachments over SMTP, not only into the outbox', async () => {
    const to = 'calendar@test.example';
    await ctx.services.mail.send({
      to,
      subject: 'Your virtual visit is booked',
      text: 'See the attached calendar file.',
      attachments: [
        {
          filename: 'visit.ics',
          contentType: 'text/calendar; method=REQUEST',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        },
      ],
    });
    const raw = smtp.inbox.find((m) => m.to.includes(to))?.raw ?? '';
    expect(raw).toMatch(/Content-Type: text\/calendar; method=REQUEST/i);
    expect(raw).toMatch(/filename=visit\.ics/);
    // Attachments travel base64-encoded; the file starts with BEGIN:VCALENDAR.
    expect(raw.replace(/\r?\n/g, '')).toContain(Buffer.from('BEGIN:VCALENDAR').toString('base64').slice(0, 20));
  });

  it('keeps the message as failed in the outbox when the relay refuses it', async () => {
    const admin = await createUser(ctx, 'admin');
    const agent = await signIn(ctx.app, admin.email);
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    const user = await createUser(ctx, 'patient');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(202);
    await runJobs(ctx);
    const outbox = (await agent.inject('GET', '/api/admin/outbox')).json();
    expect(outbox.messages.find((m: { to: string }) => m.to === user.email)).toMatchObject({ status: 'failed' });
    smtp = await startSmtp(); // leave a server for afterAll to close
  });
});
