import type { JobService } from '../jobs/index.js';
import type { AvailabilityService } from '../scheduling/index.js';
import type { DirectoryService } from './service.js';

/** The job scheduling enqueues whenever a clinician's open slots change. */
export const NEXT_AVAILABLE_JOB = 'directory.next_available';
/** The hourly job that recomputes "next available" for every active clinician. */
export const NEXT_AVAILABLE_ALL_JOB = 'directory.next_available_all';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Keeps each directory card's "next available" in step with scheduling's open slots. */
export function registerNextAvailableJobs(
  jobs: JobService,
  directory: DirectoryService,
  availability: AvailabilityService,
): void {
  jobs.register(NEXT_AVAILABLE_JOB, async (p) => {
    const id = str(p['clinicianId']);
    await directory.setNextAvailable(id, await availability.firstOpen(id));
  });
  jobs.every('hour', NEXT_AVAILABLE_ALL_JOB, 'next-available-all');
  jobs.register(NEXT_AVAILABLE_ALL_JOB, async () => {
    for (const { id } of await availability.activeClinicianIds()) {
      await directory.setNextAvailable(id, await availability.firstOpen(id));
    }
  });
}
