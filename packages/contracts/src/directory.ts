import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

export const VisitMode = Type.Union([Type.Literal('video'), Type.Literal('phone'), Type.Literal('in_person')]);
export type VisitMode = Static<typeof VisitMode>;

const StateCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'US state / territory code, e.g. MA' });
const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 code, e.g. es' });

export const ClinicalAreaRef = Type.Object({ id: Uuid, name: Type.String(), serviceLineCode: Type.String() });
export type ClinicalAreaRef = Static<typeof ClinicalAreaRef>;

export const ClinicianCard = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  organizationName: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  credentials: Type.String(),
  specialty: Type.String(),
  serviceLineCode: Type.String(),
  serviceLineName: Type.String(),
  photoUrl: Type.String(),
  languages: Type.Array(Type.String()),
  licensedStates: Type.Array(Type.String()),
  visitModes: Type.Array(VisitMode),
  acceptingNewPatients: Type.Boolean(),
  selfScheduling: Type.Boolean(),
  clinicalAreas: Type.Array(ClinicalAreaRef),
  nextAvailableAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type ClinicianCard = Static<typeof ClinicianCard>;

export const VisitType = Type.Object({
  id: Uuid,
  name: Type.String(),
  mode: VisitMode,
  durationMinutes: Type.Integer(),
  bufferMinutes: Type.Integer(),
  newPatient: Type.Boolean(),
  active: Type.Boolean(),
});
export type VisitType = Static<typeof VisitType>;

export const ClinicianDetail = Type.Intersect([
  ClinicianCard,
  Type.Object({ bio: Type.String(), visitTypes: Type.Array(VisitType), active: Type.Boolean() }),
]);
export type ClinicianDetail = Static<typeof ClinicianDetail>;

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    serviceLine: Type.Optional(Type.String({ maxLength: 40 })),
    clinicalArea: Type.Optional(Uuid),
    organization: Type.Optional(Uuid),
    language: Type.Optional(LanguageCode),
    state: Type.Optional(StateCode),
    visitMode: Type.Optional(VisitMode),
    newPatients: Type.Optional(Type.Boolean()),
    availableWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('next_available'), Type.Literal('name')])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type DirectoryQuery = Static<typeof DirectoryQuery>;

export const RelaxSuggestion = Type.Object({
  filter: Type.String({ description: 'The query parameter to remove' }),
  resultCount: Type.Integer(),
});
export type RelaxSuggestion = Static<typeof RelaxSuggestion>;

export const DirectoryResult = Type.Object({
  clinicians: Type.Array(ClinicianCard),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Only when nothing matched: which single filter to drop, and how many results that gives. */
  relax: Type.Array(RelaxSuggestion),
});
export type DirectoryResult = Static<typeof DirectoryResult>;

export const Facet = Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() });
export const DirectoryFacets = Type.Object({
  serviceLines: Type.Array(Facet),
  clinicalAreas: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), serviceLineCode: Type.String(), organizationId: Uuid }),
  ),
  organizations: Type.Array(Facet),
  languages: Type.Array(Facet),
  states: Type.Array(Facet),
});
export type DirectoryFacets = Static<typeof DirectoryFacets>;

export const ClinicianBody = Type.Object(
  {
    organizationId: Uuid,
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    credentials: Type.String({ maxLength: 60 }),
    specialty: Type.String({ minLength: 2, maxLength: 120 }),
    serviceLineCode: Type.String({ minLength: 2, maxLength: 40 }),
    languages: Type.Array(LanguageCode, { minItems: 1, maxItems: 20, uniqueItems: true }),
    licensedStates: Type.Array(StateCode, { maxItems: 60, uniqueItems: true }),
    visitModes: Type.Array(VisitMode, { minItems: 1, maxItems: 3, uniqueItems: true }),
    acceptingNewPatients: Type.Boolean(),
    selfScheduling: Type.Boolean(),
    bio: Type.String({ maxLength: 2000 }),
    clinicalAreaIds: Type.Array(Uuid, { maxItems: 30, uniqueItems: true }),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ClinicianBody = Static<typeof ClinicianBody>;

export const ClinicalAreaBody = Type.Object(
  {
    organizationId: Uuid,
    serviceLineCode: Type.String({ minLength: 2, maxLength: 40 }),
    name: Type.String({ minLength: 2, maxLength: 120 }),
    keywords: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type ClinicalAreaBody = Static<typeof ClinicalAreaBody>;

export const ClinicalArea = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  serviceLineCode: Type.String(),
  name: Type.String(),
  keywords: Type.String(),
  clinicianCount: Type.Integer(),
});
export type ClinicalArea = Static<typeof ClinicalArea>;
export const ClinicalAreaList = Type.Object({ clinicalAreas: Type.Array(ClinicalArea) });
export type ClinicalAreaList = Static<typeof ClinicalAreaList>;

/** The words that find every clinician of a service line ("heart" → Cardiac). */
export const SearchWords = Type.Object({
  serviceLineCode: Type.String(),
  serviceLineName: Type.String(),
  words: Type.Array(Type.String()),
});
export type SearchWords = Static<typeof SearchWords>;
export const SearchWordsList = Type.Object({ serviceLines: Type.Array(SearchWords) });
export type SearchWordsList = Static<typeof SearchWordsList>;

/** An admin replaces one service line's words (loose on purpose: the service explains problems). */
export const SearchWordsBody = Type.Object(
  { words: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }) },
  { additionalProperties: false },
);
export type SearchWordsBody = Static<typeof SearchWordsBody>;

export const ServiceLineParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export type ServiceLineParams = Static<typeof ServiceLineParams>;
