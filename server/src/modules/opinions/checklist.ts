import type { ChecklistItem, OpinionStatus } from '@portico/contracts';
import { AppError } from '../../lib/errors.js';

interface RequestFacts {
  has_imaging: boolean;
  has_labs: boolean;
  precert_needed: boolean;
  precert_obtained: boolean;
}
interface DocFacts {
  category: string;
  content_type: string;
}
interface NeedFacts {
  id: string;
  label: string;
  met_at: Date | null;
}

/**
 * What is still missing before review, from what was uploaded and what the patient declared:
 * records always; imaging and labs unless the patient has none; precertification when the plan
 * needs it; and each item the care team asked for.
 */
export function checklistFor(req: RequestFacts, docs: DocFacts[], needs: NeedFacts[]): ChecklistItem[] {
  const has = (test: (d: DocFacts) => boolean) => (docs.some(test) ? 'received' : 'missing');
  const base = { label: null, needId: null };
  return [
    { ...base, key: 'records', kind: 'records', state: has((d) => d.category === 'records') },
    {
      ...base,
      key: 'imaging',
      kind: 'imaging',
      state: req.has_imaging
        ? has((d) => d.category === 'imaging' || d.content_type === 'application/dicom')
        : 'not_needed',
    },
    { ...base, key: 'labs', kind: 'labs', state: req.has_labs ? has((d) => d.category === 'labs') : 'not_needed' },
    {
      ...base,
      key: 'precert',
      kind: 'precert',
      state: !req.precert_needed
        ? 'not_needed'
        : req.precert_obtained
          ? 'received'
          : has((d) => d.category === 'precert'),
    },
    ...needs.map((n): ChecklistItem => ({
      key: `need:${n.id}`,
      kind: 'need',
      label: n.label,
      needId: n.id,
      state: n.met_at ? 'received' : 'missing',
    })),
  ];
}

export const isComplete = (items: ChecklistItem[]): boolean => items.every((i) => i.state !== 'missing');

export type OpinionAction = 'request_info' | 'start_review' | 'schedule' | 'deliver' | 'close' | 'assign';

/** Which states each care-team action may start from. */
const FROM: Record<OpinionAction, readonly OpinionStatus[]> = {
  request_info: ['submitted', 'records_pending', 'under_review', 'scheduled'],
  start_review: ['submitted', 'records_pending'],
  schedule: ['submitted', 'records_pending', 'under_review'],
  deliver: ['under_review', 'scheduled'],
  close: ['submitted', 'records_pending', 'under_review', 'scheduled', 'opinion_delivered'],
  assign: ['submitted', 'records_pending', 'under_review', 'scheduled'],
};

const WORDS: Record<OpinionStatus, string> = {
  submitted: 'submitted',
  records_pending: 'waiting for records',
  under_review: 'under review',
  scheduled: 'scheduled',
  opinion_delivered: 'answered with a written opinion',
  closed: 'closed',
};

export function requireTransition(action: OpinionAction, status: OpinionStatus): void {
  if (FROM[action].includes(status)) return;
  throw new AppError(
    'opinion_status_conflict',
    409,
    `This request is ${WORDS[status]}, so that cannot be done now. Reload to see its latest state.`,
  );
}

/** Patients (and proxies) may still add records until the request is answered or closed. */
export function acceptsDocuments(status: OpinionStatus): boolean {
  return status !== 'opinion_delivered' && status !== 'closed';
}
