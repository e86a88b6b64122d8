import type { CoverageUpdateBody, FieldError, NewCoverageBody } from '@portico/contracts';
import { AppError } from '../../lib/errors.js';
import { sniffType } from '../../lib/sniff.js';
import type { CardImageType } from '../../db/tables/profile.js';
import type { CoverageValues } from './coverage-repository.js';

/** Card photos from a phone camera fit easily; larger files are refused before anything is stored. */
export const MAX_CARD_BYTES = 5 * 1024 * 1024;
const CARD_TYPES: readonly CardImageType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$/;
const clean = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
};

/**
 * Reads the patient-typed parts of a coverage: member id and group number as on the card,
 * a subscriber's name when the plan is someone else's. `referralAllowed` is false for the
 * patient side: whether a PCP referral is on file is for the care team to record.
 */
export function readCoverageFields(
  body: NewCoverageBody | CoverageUpdateBody,
  current: Pick<CoverageValues, 'relationship' | 'subscriber_name'> | null,
  referralAllowed: boolean,
): { values: Partial<CoverageValues> } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const values: Partial<CoverageValues> = {};
  if (body.memberId !== undefined) {
    const id = clean(body.memberId);
    if (!id || !ID_PATTERN.test(id)) {
      problems.push({ field: 'memberId', message: 'Enter the member ID as it is on the card (letters and digits).' });
    } else values.member_id = id;
  }
  if (body.groupNumber !== undefined) {
    const group = clean(body.groupNumber);
    if (group && !ID_PATTERN.test(group)) {
      problems.push({
        field: 'groupNumber',
        message: 'Enter the group number as it is on the card, or leave it empty.',
      });
    } else values.group_number = group;
  }
  if (body.subscriberName !== undefined) values.subscriber_name = clean(body.subscriberName);
  if (body.relationship !== undefined) values.relationship = body.relationship;
  const relationship = values.relationship ?? current?.relationship ?? 'self';
  const subscriber = values.subscriber_name !== undefined ? values.subscriber_name : (current?.subscriber_name ?? null);
  if (relationship !== 'self' && !subscriber) {
    problems.push({ field: 'subscriberName', message: 'Enter the name of the person who holds this plan.' });
  }
  if (body.pcpReferralOnFile !== undefined) {
    if (referralAllowed) values.pcp_referral_on_file = body.pcpReferralOnFile;
    else
      problems.push({ field: 'pcpReferralOnFile', message: 'Your care team records referrals; you cannot set this.' });
  }
  return problems.length > 0 ? { problems } : { values };
}

function fileError(code: 'attachment_too_large' | 'attachment_type_not_allowed', status: number, message: string) {
  return new AppError(code, status, message, [{ field: 'file', message }]);
}

/** A card photo, judged by its bytes: an image of an allowed kind and size, or a clear refusal. */
export function checkCardImage(data: Buffer): CardImageType {
  if (data.length === 0) {
    throw new AppError('validation_failed', 422, 'The photo is empty. Choose the photo again.', [
      { field: 'file', message: 'The photo is empty. Choose the photo again.' },
    ]);
  }
  if (data.length > MAX_CARD_BYTES) throw tooLarge();
  const type = sniffType(data);
  const image = CARD_TYPES.find((t) => t === type);
  if (!image) {
    throw fileError(
      'attachment_type_not_allowed',
      415,
      'This file is not a photo. Take a picture of the card, or choose a JPEG, PNG, WebP or HEIC image.',
    );
  }
  return image;
}

export const tooLarge = (): AppError =>
  fileError(
    'attachment_too_large',
    413,
    `The photo is larger than ${MAX_CARD_BYTES / 1024 / 1024} MB. Take it again at a lower size, or crop it.`,
  );
