import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, linkToken, signIn, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

async function lastMailTo(email: string) {
  return ctx.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'body_text'])
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

async function requestReset(email: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
  expect(res.statusCode).toBeLessThan(300);
  return lastMailTo(email);
}

describe('emails in the recipient’s language', () => {
  it('sends a Brazilian Portuguese reset email once the patient picks Português (Brasil), and its link works', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    // What the language picker saves for a patient on their own record.
    const saved = await agent.inject('PATCH', '/api/profile', { preferredLanguage: 'pt-BR' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ preferredLanguage: string }>().preferredLanguage).toBe('pt-BR');

    const mail = await requestReset(user.email);
    expect(mail.subject).toBe('Redefina sua senha do Portico');
    expect(mail.body_text).toContain('Alguém pediu para redefinir a senha desta conta do Portico.');
    expect(mail.body_text).toMatch(/abra este link em até 1 hora: http\S+reset-password\?token=/);
    expect(mail.body_text).not.toMatch(/Someone|your password/);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token: linkToken(mail.body_text), password: 'lantern harbor dawn' },
    });
    expect(res.statusCode).toBe(204);
  });

  it('sends Simplified Chinese to a record whose language staff entered as "zh"', async () => {
    const user = await createUser(ctx, 'patient');
    await ctx.database.db
      .updateTable('patients')
      .set({ preferred_language: 'zh' })
      .where('user_id', '=', user.id)
      .execute();
    const mail = await requestReset(user.email);
    expect(mail.subject).toBe('重设您的 Portico 密码');
    expect(mail.body_text).toContain('要设置新密码，请在 1 小时内打开此链接：');
    expect(mail.body_text).toContain('此链接只能使用一次。');
  });

  it('falls back to English for a language without server catalogs, and for staff', async () => {
    const patient = await createUser(ctx, 'patient');
    await ctx.database.db
      .updateTable('patients')
      .set({ preferred_language: 'km' })
      .where('user_id', '=', patient.id)
      .execute();
    expect((await requestReset(patient.email)).subject).toBe('Reset your Portico password');
    const staff = await createUser(ctx, 'clinician');
    expect((await requestReset(staff.email)).subject).toBe('Reset your Portico password');
  });

  it('refuses a language code that is not a language tag', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const res = await agent.inject('PATCH', '/api/profile', { preferredLanguage: 'pt_br!' });
    expect(res.statusCode).toBe(422);
  });
});
