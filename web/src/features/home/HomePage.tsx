import { useRequiredSession } from '../../app/session/context';
import { AdminHome } from './AdminHome';
import { ClinicianHome } from './ClinicianHome';
import { PatientHome } from './PatientHome';
import { StaffHome } from './StaffHome';

/** Each role starts somewhere different. */
export function HomePage() {
  const session = useRequiredSession();
  switch (session.user.role) {
    case 'patient':
    case 'proxy':
      return <PatientHome session={session} />;
    case 'clinician':
      return <ClinicianHome session={session} />;
    case 'staff':
      return <StaffHome session={session} />;
    case 'admin':
      return <AdminHome session={session} />;
  }
}
