import type { ClinicianBody, ClinicianDetail, VisitMode } from '@portico/contracts';

export const VISIT_MODES: readonly VisitMode[] = ['video', 'phone', 'in_person'];

export const CLINICIAN_FIELDS = [
  'organizationId',
  'givenName',
  'familyName',
  'credentials',
  'specialty',
  'serviceLineCode',
  'clinicalAreaIds',
  'languages',
  'otherLanguages',
  'licensedStates',
  'visitModes',
  'bio',
] as const;
export type ClinicianField = (typeof CLINICIAN_FIELDS)[number];

/** The clinician form's state: text as typed, lists as chosen. */
export interface ClinicianValues {
  organizationId: string;
  givenName: string;
  familyName: string;
  credentials: string;
  specialty: string;
  serviceLineCode: string;
  clinicalAreaIds: string[];
  languages: string[];
  otherLanguages: string;
  licensedStates: string;
  visitModes: string[];
  acceptingNewPatients: boolean;
  selfScheduling: boolean;
  active: boolean;
  bio: string;
}

export function emptyValues(organizationId: string): ClinicianValues {
  return {
    organizationId,
    givenName: '',
    familyName: '',
    credentials: '',
    specialty: '',
    serviceLineCode: '',
    clinicalAreaIds: [],
    languages: ['en'],
    otherLanguages: '',
    licensedStates: '',
    visitModes: ['video', 'phone'],
    acceptingNewPatients: true,
    selfScheduling: true,
    active: true,
    bio: '',
  };
}

export function valuesFrom(c: ClinicianDetail, offered: readonly string[]): ClinicianValues {
  return {
    organizationId: c.organizationId,
    givenName: c.givenName,
    familyName: c.familyName,
    credentials: c.credentials,
    specialty: c.specialty,
    serviceLineCode: c.serviceLineCode,
    clinicalAreaIds: c.clinicalAreas.map((a) => a.id),
    languages: c.languages.filter((l) => offered.includes(l)),
    otherLanguages: c.languages.filter((l) => !offered.includes(l)).join(', '),
    licensedStates: c.licensedStates.join(', '),
    visitModes: [...c.visitModes],
    acceptingNewPatients: c.acceptingNewPatients,
    selfScheduling: c.selfScheduling,
    active: c.active,
    bio: c.bio,
  };
}

const words = (text: string) => text.split(/[\s,;]+/).filter((w) => w !== '');
export const otherLanguageCodes = (text: string) => words(text.toLowerCase());
export const stateCodes = (text: string) => words(text.toUpperCase());

const isMode = (value: string): value is VisitMode => (VISIT_MODES as readonly string[]).includes(value);

/** Which fields fail the same rules the server applies; `key` names the problem for translation. */
export function checkValues(v: ClinicianValues): Partial<Record<ClinicianField, ProblemKey>> {
  const problems: Partial<Record<ClinicianField, ProblemKey>> = {};
  if (v.organizationId === '') problems.organizationId = 'organizationRequired';
  if (v.givenName.trim() === '') problems.givenName = 'givenNameRequired';
  if (v.familyName.trim() === '') problems.familyName = 'familyNameRequired';
  if (v.specialty.trim().length < 2) problems.specialty = 'specialtyRequired';
  if (v.serviceLineCode === '') problems.serviceLineCode = 'serviceLineRequired';
  if (otherLanguageCodes(v.otherLanguages).some((c) => !/^[a-z]{2,3}$/.test(c)))
    problems.otherLanguages = 'languageCodes';
  else if (v.languages.length + otherLanguageCodes(v.otherLanguages).length === 0)
    problems.languages = 'languagesRequired';
  if (stateCodes(v.licensedStates).some((c) => !/^[A-Z]{2}$/.test(c))) problems.licensedStates = 'stateCodes';
  if (v.visitModes.length === 0) problems.visitModes = 'visitModesRequired';
  return problems;
}

export type ProblemKey =
  | 'organizationRequired'
  | 'givenNameRequired'
  | 'familyNameRequired'
  | 'specialtyRequired'
  | 'serviceLineRequired'
  | 'languageCodes'
  | 'languagesRequired'
  | 'stateCodes'
  | 'visitModesRequired';

export function toBody(v: ClinicianValues): ClinicianBody {
  return {
    organizationId: v.organizationId,
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    credentials: v.credentials.trim(),
    specialty: v.specialty.trim(),
    serviceLineCode: v.serviceLineCode,
    clinicalAreaIds: v.clinicalAreaIds,
    languages: [...new Set([...v.languages, ...otherLanguageCodes(v.otherLanguages)])],
    licensedStates: [...new Set(stateCodes(v.licensedStates))],
    visitModes: v.visitModes.filter(isMode),
    acceptingNewPatients: v.acceptingNewPatients,
    selfScheduling: v.selfScheduling,
    active: v.active,
    bio: v.bio.trim(),
  };
}
