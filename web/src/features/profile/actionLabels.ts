import type { TFunction } from 'i18next';
import type { RecordAccessEntry } from '@portico/contracts';

/** Audit action codes the list words exactly; anything else is worded by its area, or generically. */
const ACTIONS = {
  'patient.read': 'patientRead',
  'patient.search': 'patientSearch',
  'patient.create': 'patientCreate',
  'patient.activation_code.issue': 'activationCode',
  'profile.read': 'profileRead',
  'profile.update': 'profileUpdate',
  'record.download': 'recordDownload',
  'coverage.list': 'coverageList',
  'coverage.create': 'coverageCreate',
  'coverage.update': 'coverageUpdate',
  'coverage.cancel': 'coverageCancel',
  'coverage.swap': 'coverageSwap',
  'coverage.card.read': 'cardRead',
  'coverage.card.upload': 'cardUpload',
  'coverage.card.delete': 'cardDelete',
  'result.list': 'resultList',
  'result.read': 'resultRead',
  'result.trend': 'resultTrend',
  'result.create': 'resultCreate',
  'result.import': 'resultImport',
  'result.release': 'resultRelease',
  'result.comment': 'resultComment',
  'appointment.list': 'appointmentList',
  'appointment.read': 'appointmentRead',
  'appointment.book': 'appointmentBook',
  'appointment.cancel': 'appointmentCancel',
  'appointment.reschedule': 'appointmentReschedule',
  'appointment_request.create': 'requestCreate',
  'appointment_request.read': 'requestRead',
  'message.list': 'messageList',
  'message.read': 'messageRead',
  'message.start': 'messageStart',
  'message.reply': 'messageReply',
  'message.attachment': 'messageAttachment',
  'visit.view': 'visitView',
  'visit.check_in': 'visitCheckIn',
  'visit.join': 'visitJoin',
  'visit.admit': 'visitAdmit',
  'visit.end': 'visitEnd',
  'proxy.open_record': 'proxyOpen',
  'proxy.grant': 'proxyGrant',
  'proxy.revoke': 'proxyRevoke',
} as const;

const AREAS = [
  'patient',
  'profile',
  'coverage',
  'result',
  'appointment',
  'appointment_request',
  'message',
  'visit',
  'proxy',
  'medication',
  'billing',
] as const;

function isKnown(action: string): action is keyof typeof ACTIONS {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action);
}

function areaOf(action: string): (typeof AREAS)[number] | null {
  const prefix = action.split('.')[0] ?? '';
  return (AREAS as readonly string[]).includes(prefix) ? (prefix as (typeof AREAS)[number]) : null;
}

/** What someone did, in plain words. */
export function actionLabel(t: TFunction, action: string): string {
  if (isKnown(action)) return t(`profile.access.actions.${ACTIONS[action]}`);
  const area = areaOf(action);
  return area ? t(`profile.access.areas.${area}`) : t('profile.access.actions.other');
}

/** Who did it: "You", "Dr. Priya Raman, MD", "Sam Lee, acting for you" … */
export function actorLabel(t: TFunction, e: RecordAccessEntry, viewer: 'patient' | 'proxy', patient: string): string {
  const name = e.actorName ?? t('profile.access.unknownPerson');
  switch (e.actorKind) {
    case 'system':
      return t('profile.access.system');
    case 'patient':
      return e.isYou ? t('profile.access.you') : t('profile.access.patient', { name });
    case 'proxy':
      if (e.isYou) return t('profile.access.youActing', { name: patient });
      return viewer === 'patient'
        ? t('profile.access.proxyForYou', { name })
        : t('profile.access.proxyFor', { name, patient });
    case 'care_team':
      return name;
  }
}

const ROLES = ['patient', 'proxy', 'clinician', 'staff', 'admin'] as const;

export function roleLabel(t: TFunction, e: RecordAccessEntry): string {
  if (e.actorKind === 'system') return t('profile.access.roles.system');
  const role = e.actorKind === 'patient' ? 'patient' : e.actorRole;
  return role && (ROLES as readonly string[]).includes(role)
    ? t(`profile.access.roles.${role as (typeof ROLES)[number]}`)
    : t('profile.access.roles.system');
}
