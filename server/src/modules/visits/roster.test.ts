import { describe, expect, it } from 'vitest';
import { AdmittedRoster } from './roster.js';

/** A roster over a table kept in the test, counting reads; `hold` keeps the next read pending. */
function setup(initial: Record<string, string[]>) {
  const table = new Map(Object.entries(initial).map(([k, v]) => [k, new Set(v)]));
  let reads = 0;
  let held: (() => void) | null = null;
  let holdNext = false;
  const roster = new AdmittedRoster(async (encounterId) => {
    reads += 1;
    const snapshot = new Set(table.get(encounterId) ?? []);
    if (holdNext) {
      holdNext = false;
      await new Promise<void>((resolve) => (held = resolve));
    }
    return snapshot;
  });
  return {
    roster,
    table,
    reads: () => reads,
    hold: () => (holdNext = true),
    release: () => held?.(),
  };
}

describe('who may be relayed to, kept in memory', () => {
  it('reads a visit once, then answers from memory until the visit changes', async () => {
    const t = setup({ e1: ['clinician', 'patient'] });
    expect(await t.roster.isAdmitted('e1', 'patient')).toBe(true);
    expect(await t.roster.isAdmitted('e1', 'clinician')).toBe(true);
    expect(t.reads()).toBe(1);
    t.table.get('e1')?.delete('patient');
    t.roster.forget('e1');
    expect(await t.roster.isAdmitted('e1', 'patient')).toBe(false);
    expect(t.reads()).toBe(2);
  });

  it('checks a "no" in the database, so an admission whose event is late is not refused', async () => {
    const t = setup({ e1: ['clinician'] });
    expect(await t.roster.isAdmitted('e1', 'guest')).toBe(false);
    t.table.get('e1')?.add('guest');
    expect(await t.roster.isAdmitted('e1', 'guest')).toBe(true);
  });

  it('does not keep what was read while the visit changed, nor a view read before the change', async () => {
    const t = setup({ e1: ['clinician', 'guest'] });
    t.hold();
    const pending = t.roster.isAdmitted('e1', 'guest');
    // The guest is removed while the read is under way.
    t.table.get('e1')?.delete('guest');
    t.roster.forget('e1');
    t.release();
    await pending;
    expect(await t.roster.isAdmitted('e1', 'guest')).toBe(false);

    const mark = t.roster.mark();
    t.roster.forget('e1');
    t.roster.fill('e1', mark, ['clinician', 'guest']);
    expect(await t.roster.isAdmitted('e1', 'guest')).toBe(false);
    // Marks from before a sweep are not trusted either.
    const old = t.roster.mark();
    t.roster.forget('e1');
    t.roster.sweep();
    t.roster.fill('e1', old, ['guest']);
    expect(await t.roster.isAdmitted('e1', 'guest')).toBe(false);
    const fresh = t.roster.mark();
    t.roster.fill('e1', fresh, ['clinician']);
    const before = t.reads();
    expect(await t.roster.isAdmitted('e1', 'clinician')).toBe(true);
    expect(t.reads()).toBe(before);
  });
});
