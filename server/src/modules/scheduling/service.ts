import type { Idempotency } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { BookingService } from './booking.js';
import { BookingRepository } from './booking-repository.js';
import { AppointmentReader } from './reads.js';
import { ScheduleManagementService } from './manage.js';
import { appointmentNotice, requestUpdateNotice, type NoticeKind } from './notices.js';
import { schedulingPolicy } from './policy.js';
import { ACTIVE_STATUSES, type SchedulingRepository } from './repository.js';
import { RequestService } from './requests.js';
import { RequestRepository } from './request-repository.js';
import { ScheduleRepository } from './schedule-repository.js';
import { AvailabilityService } from './slots.js';

export { BookingService } from './booking.js';
export { RequestService } from './requests.js';
export { AvailabilityService } from './slots.js';
export { ScheduleManagementService } from './manage.js';

export interface SchedulingServices {
  availability: AvailabilityService;
  booking: BookingService;
  reader: AppointmentReader;
  requests: RequestService;
  manage: ScheduleManagementService;
  /** Tells other modules (the visit) that an appointment was cancelled or moved. */
  onAppointmentChanged(listener: (appointmentId: string) => Promise<void>): void;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Wires the scheduling module and registers its job handlers. */
export function createScheduling(deps: {
  repo: SchedulingRepository;
  jobs: JobService;
  audit: AuditService;
  mail: MailService;
  publicUrl: string;
  idempotency: Idempotency;
}): SchedulingServices {
  const { repo, jobs, audit, mail, publicUrl } = deps;
  const availability = new AvailabilityService(repo, new BookingRepository(repo.db));
  const changeListeners: ((appointmentId: string) => Promise<void>)[] = [];
  const slotsChangedJob = (clinicianId: string) => ({ kind: 'directory.next_available', payload: { clinicianId } });
  const hooks = {
    slotsChanged: (clinicianId: string) => jobs.enqueue(slotsChangedJob(clinicianId)),
    slotsChangedJob,
    appointmentChanged: async (appointmentId: string) => {
      // The change itself is already saved; a listener that fails must not undo or fail it.
      for (const listener of changeListeners) await listener(appointmentId).catch(() => undefined);
    },
  };
  const requestRepo = new RequestRepository(repo.db);
  const reader = new AppointmentReader(repo, audit);
  const booking = new BookingService(repo, availability, jobs, audit, hooks, reader, deps.idempotency);
  const requests = new RequestService(repo, requestRepo, booking, jobs, audit);
  const manage = new ScheduleManagementService(repo, new ScheduleRepository(repo.db), audit, hooks);

  const sendNotice = async (appointmentId: string, kind: NoticeKind): Promise<void> => {
    const a = await repo.appointment(appointmentId, { kind: 'all' });
    if (!a) return;
    const contact = await repo.patientContact(a.patient_id);
    if (!contact?.email) return; // nobody to tell by email; the portal still shows it
    const policy = schedulingPolicy(a.org_settings);
    await mail.sendTo(
      contact.email,
      appointmentNotice(a, kind, publicUrl, {
        showClinician: policy.emailShowsClinician,
        checkInMinutes: policy.checkInOpensMinutes,
      }),
    );
  };

  jobs.register('appointment.notice', async (p) => sendNotice(str(p['appointmentId']), str(p['kind']) as NoticeKind));
  jobs.register('appointment.reminder', async (p) => {
    const a = await repo.appointment(str(p['appointmentId']), { kind: 'all' });
    // A reminder for a visit that was cancelled or moved is dropped, never sent.
    if (!a || !ACTIVE_STATUSES.includes(a.status) || a.start_at.toISOString() !== str(p['start'])) return;
    await sendNotice(a.id, 'reminder');
  });
  jobs.register('appointment_request.notice', async (p) => {
    const r = await requestRepo.request(str(p['requestId']), { kind: 'all' });
    if (!r) return;
    const contact = await repo.patientContact(r.patient_id);
    if (contact?.email) await mail.sendTo(contact.email, requestUpdateNotice(publicUrl));
  });
  return {
    availability,
    booking,
    reader,
    requests,
    manage,
    onAppointmentChanged: (listener) => void changeListeners.push(listener),
  };
}
