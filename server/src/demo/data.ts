/** Fictional demo data modelled on the seed pages. Every phone number is a 555 number. */

export const SERVICE_LINES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['allergy-immunology', 'Allergy/Immunology'],
  ['cardiac', 'Cardiac'],
  ['dermatology', 'Dermatology'],
  ['digestive-health', 'Digestive Health'],
  ['endocrinology', 'Endocrinology'],
  ['general-surgery', 'General Surgery'],
  ['neuroscience', 'Neuroscience'],
  ['nephrology', 'Nephrology'],
  ['oncology', 'Oncology'],
  ['ophthalmology', 'Ophthalmology'],
  ['orthopedics', 'Orthopedics'],
  ['otolaryngology', 'Otolaryngology'],
  ['plastic-surgery', 'Plastic Surgery'],
  ['primary-care', 'Primary Care'],
  ['psychiatry', 'Psychiatry'],
  ['pulmonology', 'Pulmonology'],
  ['radiology', 'Radiology'],
  ['rehabilitation', 'Rehabilitation'],
  ['rheumatology', 'Rheumatology'],
  ['transplant', 'Transplant'],
  ['urology', 'Urology'],
  ['womens-health', "Women's Health"],
];

export interface DemoOrganization {
  slug: string;
  name: string;
  timeZone: string;
  techHelpPhone: string;
  techHelpEmail: string;
  billingPhone: string;
  settings: Record<string, unknown>;
}

export const ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    slug: 'harbor-general',
    name: 'Harbor General Hospital',
    timeZone: 'America/New_York',
    techHelpPhone: '617-555-0142',
    techHelpEmail: 'virtualcare-help@harbor-general.example',
    billingPhone: '617-555-0177',
    settings: {
      registrationHours: 'Mon–Thu 8:00–18:00, Fri 8:00–17:00',
      cancellationCutoffHours: 24,
      reminderOffsetsMinutes: [1440, 60],
      checkInOpensMinutes: 30,
    },
  },
  {
    slug: 'harbor-cancer',
    name: 'Harbor Cancer Institute',
    timeZone: 'America/New_York',
    techHelpPhone: '617-555-0188',
    techHelpEmail: 'telehealth-help@harbor-cancer.example',
    billingPhone: '617-555-0199',
    settings: {
      requiredPatientLocation: ['MA'],
      cancellationCutoffHours: 48,
      reminderOffsetsMinutes: [2880, 1440, 60],
      checkInOpensMinutes: 30,
    },
  },
];

const SPECIALTIES: Record<string, readonly [string, string]> = {
  'allergy-immunology': ['Allergy and Immunology', 'Clinical Immunology'],
  cardiac: ['Cardiology', 'Cardiac Electrophysiology'],
  dermatology: ['Dermatology', 'Dermatologic Surgery'],
  'digestive-health': ['Gastroenterology', 'Hepatology'],
  endocrinology: ['Endocrinology', 'Diabetes and Metabolism'],
  'general-surgery': ['General Surgery', 'Surgical Oncology'],
  neuroscience: ['Neurology', 'Neurosurgery'],
  nephrology: ['Nephrology', 'Transplant Nephrology'],
  oncology: ['Medical Oncology', 'Hematology and Oncology'],
  ophthalmology: ['Ophthalmology', 'Retina Surgery'],
  orthopedics: ['Orthopedic Surgery', 'Sports Medicine'],
  otolaryngology: ['Otolaryngology (ENT)', 'Audiology'],
  'plastic-surgery': ['Plastic Surgery', 'Reconstructive Surgery'],
  'primary-care': ['Internal Medicine', 'Family Medicine'],
  psychiatry: ['Psychiatry', 'Psychology'],
  pulmonology: ['Pulmonology', 'Sleep Medicine'],
  radiology: ['Diagnostic Radiology', 'Interventional Radiology'],
  rehabilitation: ['Physical Medicine and Rehabilitation', 'Pain Medicine'],
  rheumatology: ['Rheumatology', 'Rheumatology and Lupus Care'],
  transplant: ['Transplant Hepatology', 'Transplant Surgery'],
  urology: ['Urology', 'Urologic Oncology'],
  'womens-health': ['Obstetrics and Gynecology', 'Gynecologic Oncology'],
};

/** Which of CLINICIAN_ROLES is Dr. Priya Raman, the demo clinician (Internal Medicine, Primary Care). */
export const DEMO_CLINICIAN_INDEX = 26;

/** [service line, specialty, organization slug] — two per line, cancer care at the institute. */
export const CLINICIAN_ROLES: ReadonlyArray<readonly [string, string, string]> = SERVICE_LINES.flatMap(([code]) => {
  const org = code === 'oncology' || code === 'radiology' ? 'harbor-cancer' : 'harbor-general';
  const second = code === 'oncology' || code === 'womens-health' || code === 'digestive-health' ? 'harbor-cancer' : org;
  const [first, other] = SPECIALTIES[code] ?? [code, code];
  return [
    [code, first, org],
    [code, other, second],
  ] as const;
});

export const GIVEN_NAMES = [
  'Priya',
  'Daniel',
  'Amara',
  'Tomás',
  'Helen',
  'Kenji',
  'Fatima',
  'Robert',
  'Lucía',
  'Samuel',
  'Grace',
  'Omar',
  'Irene',
  'Chen',
  'Nadia',
  'Patrick',
  'Yuki',
  'Marcus',
  'Elena',
  'David',
  'Aisha',
  'Jonah',
];
export const FAMILY_NAMES = [
  'Raman',
  'Okafor',
  'Castillo',
  'Lindqvist',
  'Nakamura',
  'Haddad',
  'Brennan',
  'Moreau',
  'Abebe',
  'Kowalski',
  'Silva',
  'Whitaker',
  'Petrov',
  'Nguyen',
  'Osei',
  'Fitzgerald',
  'Mendes',
  'Park',
  'Adeyemi',
  'Rossi',
  'Shah',
  'Ortiz',
];
export const CREDENTIALS = ['MD', 'MD, PhD', 'DO', 'NP', 'MD, MPH', 'PA-C'];
export const LANGUAGE_SETS: readonly string[][] = [
  ['en'],
  ['en', 'es'],
  ['en', 'pt'],
  ['en', 'zh'],
  ['en', 'ar'],
  ['en', 'fr'],
  ['en', 'ht'],
  ['en', 'ru'],
];
export const STATE_SETS: readonly string[][] = [['MA'], ['MA', 'NH'], ['MA', 'RI', 'CT'], ['MA', 'NH', 'ME', 'VT']];

export const PATIENTS: ReadonlyArray<readonly [given: string, family: string, birthDate: string, lang: string]> = [
  ['Eleanor', 'Whitfield', '1951-03-14', 'en'],
  ['Rosa', 'Delgado', '1947-11-02', 'es'],
  ['James', 'Okonkwo', '1962-06-21', 'en'],
  ['Mei', 'Lin', '1958-09-30', 'zh'],
  ['Walter', 'Brooks', '1940-01-17', 'en'],
  ['Ana', 'Ferreira', '1979-04-08', 'pt'],
  ['Khalid', 'Mansour', '1966-12-12', 'ar'],
  ['Dorothy', 'Keane', '1944-07-25', 'en'],
  ['Luis', 'Ramírez', '1985-02-19', 'es'],
  ['Margaret', 'Chu', '1953-10-05', 'en'],
  ['Thomas', 'Byrne', '1971-08-11', 'en'],
  ['Sofia', 'Greco', '1990-05-27', 'en'],
  ['Jean', 'Baptiste', '1968-03-03', 'ht'],
  ['Ruth', 'Goldberg', '1949-12-24', 'en'],
  ['Arjun', 'Mehta', '1982-11-15', 'en'],
  ['Hannah', 'Schmidt', '1975-06-09', 'en'],
  ['Olga', 'Ivanova', '1960-02-28', 'ru'],
  ['George', 'Papadakis', '1957-09-18', 'en'],
  ['Fatou', 'Diallo', '1988-01-22', 'fr'],
  ['Linda', 'Harper', '1964-04-30', 'en'],
  ['Mateo', 'Silva', '2010-08-14', 'es'],
  ['Beatrice', 'Nolan', '1939-05-06', 'en'],
];

export const DEMO_PASSWORD = 'Harbor-demo-2026';

export const DEMO_SIGN_INS = [
  { role: 'patient', email: 'patient@example.org', who: 'Eleanor Whitfield, patient of Harbor General' },
  {
    role: 'clinician',
    email: 'clinician@example.org',
    who: 'Dr. Priya Raman, Internal Medicine (Primary Care), Harbor General',
  },
  {
    role: 'staff',
    email: 'staff@example.org',
    who: 'Jordan Avery, front desk and international coordinator, Harbor General',
  },
  { role: 'staff', email: 'staff.cancer@example.org', who: 'Casey Quinn, front desk, Harbor Cancer Institute' },
  {
    role: 'patient',
    email: 'intl@example.org',
    who: 'Ana Beatriz Costa, international patient from São Paulo, Brazil',
  },
  { role: 'admin', email: 'admin@example.org', who: 'Morgan Lee, administrator, Harbor Health' },
] as const;

export const HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['2026-11-26', 'Thanksgiving Day'],
  ['2026-12-25', 'Christmas Day'],
  ['2027-01-01', "New Year's Day"],
  ['2027-01-18', 'Martin Luther King Jr. Day'],
  ['2027-02-15', "Presidents' Day"],
  ['2027-05-31', 'Memorial Day'],
];

/** Weekly templates (ISO weekday, start, end) rotated across clinicians. */
export const WEEK_PATTERNS: ReadonlyArray<ReadonlyArray<readonly [number, string, string]>> = [
  [1, 2, 3, 4, 5].flatMap(
    (d) =>
      [
        [d, '08:00', '12:00'],
        [d, '13:00', '17:00'],
      ] as const,
  ),
  [1, 2, 3, 4, 5].map((d) => [d, '09:00', '17:00'] as const),
  [
    [2, '08:00', '16:00'],
    [4, '08:00', '16:00'],
    [6, '09:00', '12:00'],
  ],
  [1, 3, 5].map((d) => [d, '10:00', '18:00'] as const),
];
