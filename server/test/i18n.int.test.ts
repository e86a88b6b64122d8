import type { BillingSummary } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuleSet, billedVisit, loadPdfReader, pay, pdfText, RULES } from './billing-fixtures.js';
import { createTestContext, createUser, linkToken, runJobs, signIn, type TestContext } from './context.js';
import { createVisit } from './visit-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
  await loadPdfReader();
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
  await runJobs(ctx);
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

  it('writes to a clinician in the language they chose to read Portico in', async () => {
    const clinician = await createUser(ctx, 'clinician');
    const agent = await signIn(ctx.app, clinician.email);
    const chosen = await agent.inject('PUT', '/api/auth/language', { language: 'es' });
    expect(chosen.statusCode).toBeLessThan(300);
    const mail = await requestReset(clinician.email);
    expect(mail.subject).toBe('Cambie su contraseña de Portico');
    expect(mail.body_text).toContain('Alguien pidió cambiar la contraseña de esta cuenta de Portico.');
  });

  it('refuses a language code that is not a language tag', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const res = await agent.inject('PATCH', '/api/profile', { preferredLanguage: 'pt_br!' });
    expect(res.statusCode).toBe(422);
  });
});

async function setLanguage(patientId: string, lang: string) {
  await ctx.database.db.updateTable('patients').set({ preferred_language: lang }).where('id', '=', patientId).execute();
}

async function emailOfPatient(patientId: string): Promise<string> {
  const row = await ctx.database.db
    .selectFrom('patients as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.email as account', 'p.email as record'])
    .where('p.id', '=', patientId)
    .executeTakeFirstOrThrow();
  return row.account ?? row.record ?? '';
}

async function lastMailWithFiles(email: string) {
  return ctx.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'body_text', 'attachments'])
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

/** The appointment email a booking sends, produced by its background job. */
async function bookedNotice(lang: string) {
  const v = await createVisit(ctx, { startsInMinutes: 3 * 24 * 60 });
  await setLanguage(v.patientId, lang);
  await ctx.services.jobs.enqueue({
    kind: 'appointment.notice',
    payload: { appointmentId: v.appointmentId, kind: 'booked' },
  });
  await ctx.services.jobs.runDue('test');
  const mail = await lastMailWithFiles(await emailOfPatient(v.patientId));
  const ics = (mail.attachments as { filename: string; content: string }[])[0]?.content ?? '';
  // Calendar lines fold at 75 octets: unfold before reading.
  return { ...mail, ics: ics.replace(/\r?\n[ \t]/g, '') };
}

/** A statement PDF for a visit billed with a co-pay, downloaded in the patient's language. */
async function statementIn(lang: string) {
  const v = await billedVisit(ctx, 'video', { cost: 'copay', copayCents: 2500 });
  await setLanguage(v.patientId, lang);
  const id = (await v.patient.inject('GET', '/api/billing')).json<BillingSummary>().statements[0]?.id;
  const res = await v.patient.inject('GET', `/api/billing/statements/${id}/pdf`);
  expect(res.statusCode).toBe(200);
  return { v, text: await pdfText(res.rawPayload) };
}

describe('appointment and billing text in the patient’s language', () => {
  it('writes the booking email and its calendar file in Portuguese, with the date in Portuguese', async () => {
    const mail = await bookedNotice('pt-BR');
    expect(mail.subject).toBe('Sua consulta está marcada');
    expect(mail.body_text).toMatch(/Sua consulta por vídeo está marcada para .+ de \d{4}/);
    expect(mail.body_text).toMatch(/(segunda|terça|quarta|quinta|sexta|sábado|domingo)/);
    expect(mail.body_text).toContain('Detalhes e check-in: http');
    expect(mail.body_text).not.toMatch(/Your|booked/);
    expect(mail.ics).toContain('SUMMARY:Consulta por vídeo');
    expect(mail.ics).toContain('DESCRIPTION:Abra o Portico para fazer o check-in: http');
  });

  it('writes the booking email and its calendar file in Chinese', async () => {
    const mail = await bookedNotice('zh-Hans');
    expect(mail.subject).toBe('您的预约已订好');
    expect(mail.body_text).toMatch(/您的视频就诊已订在 \d{4}年\d{1,2}月\d{1,2}日/);
    expect(mail.body_text).toContain('详情和签到：http');
    expect(mail.ics).toContain('SUMMARY:视频就诊');
    expect(mail.ics).toContain('DESCRIPTION:打开 Portico 签到：http');
  });

  it('prints a Portuguese statement with the fee explained in Portuguese, and mails the receipt in Portuguese', async () => {
    const { v, text } = await statementIn('pt-BR');
    expect(text).toContain('Extrato do paciente');
    expect(text).toContain('Cobranças e pagamentos');
    expect(text).toMatch(/Coparticipação do seu plano para consulta virtual \(Choice PPO\): US\$\s25,00\./);
    expect(text).toContain('Pode ser pago com HSA/FSA');
    expect(text).toMatch(/Valor a pagar: US\$\s25,00/);
    expect(text).not.toMatch(/Amount due|co-pay/);

    expect((await pay(ctx, v.patient, { amountCents: 2500 })).statusCode).toBeLessThan(300);
    const receipt = await lastMailWithFiles(await emailOfPatient(v.patientId));
    expect(receipt.subject).toBe('Seu recibo de pagamento do Portico');
    expect(receipt.body_text).toMatch(/Recebemos seu pagamento de US\$\s25,00\. Obrigado\./);
  });

  it('prints a Chinese statement in Chinese', async () => {
    const { text } = await statementIn('zh-Hans');
    expect(text).toContain('患者账单明细');
    expect(text).toContain('费用和付款');
    expect(text).toContain('应付金额：US$25.00');
    expect(text).toContain('可用 HSA/FSA 支付');
    expect(text).not.toContain('Amount due');
  });

  it('prints an Arabic statement with Arabic text and every glyph embedded', async () => {
    const { text } = await statementIn('ar');
    const arabic = text.match(/[\u0600-\u06FF\uFE70-\uFEFF]+/g) ?? [];
    expect(arabic.join('').length).toBeGreaterThan(100);
    // Nothing fell back to an empty box: pdf.js reads no replacement or .notdef characters.
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain('Choice PPO');
  });
});
