import { expect } from 'vitest';
import type { FeeRules } from '@portico/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent, TestContext } from './context.js';
import { uniq } from './context.js';
import { createVisit, type VisitSetup } from './visit-fixtures.js';

export const RULES: FeeRules = {
  noFeePayerCategories: ['medicaid', 'health_system_plan', 'workers_comp', 'health_safety_net'],
  notCoveredBilling: 'telehealth_fee',
  telehealthFeeCents: 4900,
  inPersonRateCents: 21000,
  deductibleAmountCents: 16500,
  noShowFeeCents: 0,
};

export async function addRuleSet(
  ctx: TestContext,
  orgId: string,
  version: number,
  rules: FeeRules,
  effectiveFrom = new Date(Date.now() - 86_400_000),
): Promise<void> {
  await ctx.database.db
    .insertInto('fee_rule_sets')
    .values({ organization_id: orgId, version, effective_from: effectiveFrom, rules: JSON.stringify(rules) })
    .execute();
}

/** Gives the patient a primary plan with the given virtual-visit cost. */
export async function giveCoverage(
  ctx: TestContext,
  patientId: string,
  plan: { category?: string; cost: 'copay' | 'deductible' | 'not_covered'; copayCents?: number },
): Promise<void> {
  const patient = await ctx.database.db
    .selectFrom('patients')
    .select('organization_id')
    .where('id', '=', patientId)
    .executeTakeFirstOrThrow();
  const row = await ctx.database.db
    .insertInto('insurance_plans')
    .values({
      organization_id: patient.organization_id,
      payer_name: uniq('Payer'),
      plan_name: 'Choice PPO',
      payer_category: (plan.category ?? 'commercial') as 'commercial',
      virtual_visit_cost: plan.cost,
      virtual_visit_copay_cents: plan.cost === 'copay' ? (plan.copayCents ?? 2500) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.database.db
    .insertInto('coverages')
    .values({ patient_id: patientId, plan_id: row.id, priority: 1, member_id: 'M123456' })
    .execute();
}

/**
 * Ends a visit through the API after the media path has marked video as connected (or not), then
 * runs the durable jobs so the charge is written, as the job runner would.
 */
export async function finishVisit(ctx: TestContext, v: VisitSetup, by: 'video' | 'phone'): Promise<void> {
  const enc = await ctx.database.db
    .selectFrom('encounters')
    .select('id')
    .where('appointment_id', '=', v.appointmentId)
    .executeTakeFirst();
  if (!enc) {
    const view = await v.patient.inject('GET', `/api/visits/${v.appointmentId}`);
    if (view.statusCode !== 200) throw new Error(`visit view failed ${view.statusCode}`);
  }
  await ctx.database.db
    .updateTable('encounters')
    .set({
      status: 'in-progress',
      admitted_at: new Date(),
      ...(by === 'video' ? { video_connected_at: new Date() } : { modality: 'phone' as const }),
    })
    .where('appointment_id', '=', v.appointmentId)
    .execute();
  const end = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/end`, {});
  if (end.statusCode !== 200) throw new Error(`end failed ${end.statusCode}: ${end.body}`);
  const encounter = await ctx.database.db
    .selectFrom('encounters')
    .select('id')
    .where('appointment_id', '=', v.appointmentId)
    .executeTakeFirstOrThrow();
  // Until the charge job has run, here or in another runner on the same PostgreSQL (which may have
  // taken it first and still be writing): then the charge is in the ledger.
  await expect
    .poll(async () => {
      await ctx.services.jobs.runDue('test-runner');
      const job = await ctx.database.db
        .selectFrom('jobs')
        .select(['done_at', 'failed_at'])
        .where('dedupe_key', '=', `charge:${encounter.id}`)
        .executeTakeFirst();
      return job ? job.done_at !== null || job.failed_at !== null : false;
    })
    .toBe(true);
}

export async function billedVisit(
  ctx: TestContext,
  by: 'video' | 'phone',
  plan: Parameters<typeof giveCoverage>[2],
): Promise<VisitSetup> {
  const v = await createVisit(ctx, { startsInMinutes: -5 });
  await giveCoverage(ctx, v.patientId, plan);
  await finishVisit(ctx, v, by);
  return v;
}

export function pay(
  ctx: TestContext,
  agent: Agent,
  body: { amountCents: number; number?: string },
  key: string | null = uniq('pay-key'),
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/billing/payments',
    headers: {
      cookie: agent.cookie,
      'x-csrf-token': agent.csrf,
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: {
      amountCents: body.amountCents,
      card: { number: body.number ?? '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Eleanor Test' },
    },
  });
}

export async function ledgerSum(ctx: TestContext, patientId: string): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('ledger_entries')
    .select('amount_cents')
    .where('patient_id', '=', patientId)
    .execute();
  return rows.reduce((sum, r) => sum + Number(r.amount_cents), 0);
}

/** pdf.js is large: load it in a file's beforeAll (hook time), not inside the first test. */
export const loadPdfReader = () => import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * The text of a PDF as a reader would copy it, through pdf.js: pieces on one line joined as they
 * are, lines joined by a space (so a sentence wrapped over two lines reads whole).
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { getDocument } = await loadPdfReader();
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let out = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    let lastY: number | null = null;
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const y = Number(item.transform[5]);
      if (lastY !== null && Math.abs(y - lastY) > 1) out += ' ';
      out += item.str;
      lastY = y;
    }
    out += ' ';
  }
  await doc.destroy();
  return out;
}
