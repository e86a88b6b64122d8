import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

/** FHIR DiagnosticReport.category, reduced to the three kinds Portico shows and releases. */
export const ResultCategory = Type.Union([Type.Literal('lab'), Type.Literal('imaging'), Type.Literal('pathology')]);
export type ResultCategory = Static<typeof ResultCategory>;
export const RESULT_CATEGORIES = ['lab', 'imaging', 'pathology'] as const;

/** FHIR DiagnosticReport.status values Portico stores. */
export const ResultStatus = Type.Union([
  Type.Literal('preliminary'),
  Type.Literal('final'),
  Type.Literal('amended'),
  Type.Literal('corrected'),
]);
export type ResultStatus = Static<typeof ResultStatus>;

/** FHIR ObservationInterpretation codes: high, low, critically high/low, abnormal, normal. */
export const Interpretation = Type.Union([
  Type.Literal('H'),
  Type.Literal('L'),
  Type.Literal('HH'),
  Type.Literal('LL'),
  Type.Literal('A'),
  Type.Literal('N'),
]);
export type Interpretation = Static<typeof Interpretation>;

const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ResultSummary = Type.Object({
  id: Uuid,
  patientId: Uuid,
  code: Type.String(),
  name: Type.String(),
  category: ResultCategory,
  status: ResultStatus,
  effectiveAt: IsoDateTime,
  issuedAt: IsoDateTime,
  orderedBy: Nullable(Type.String()),
  observationCount: Type.Integer(),
  /** Observations flagged H, L, HH, LL or A. */
  abnormalCount: Type.Integer(),
  /** False while the organization's hold lasts (only the care team ever sees these). */
  released: Type.Boolean(),
  /** When the patient can see it (or could, since). */
  releaseAt: IsoDateTime,
  hasComment: Type.Boolean(),
});
export type ResultSummary = Static<typeof ResultSummary>;

export const ResultList = Type.Object({ results: Type.Array(ResultSummary) });
export type ResultList = Static<typeof ResultList>;

export const ResultObservation = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  valueText: Nullable(Type.String()),
  /** Why there is no value, as the lab said it (FHIR dataAbsentReason), e.g. "specimen hemolyzed". */
  dataAbsentReason: Type.Optional(Nullable(Type.String())),
  unit: Nullable(Type.String()),
  low: Type.Union([Type.Number(), Type.Null()]),
  high: Type.Union([Type.Number(), Type.Null()]),
  rangeText: Nullable(Type.String()),
  flag: Type.Union([Interpretation, Type.Null()]),
  effectiveAt: IsoDateTime,
});
export type ResultObservation = Static<typeof ResultObservation>;

export const ResultComment = Type.Object({ text: Type.String(), author: Type.String(), at: IsoDateTime });
export type ResultComment = Static<typeof ResultComment>;

export const ResultReport = Type.Intersect([
  ResultSummary,
  Type.Object({
    patientName: Type.String(),
    conclusion: Nullable(Type.String()),
    comment: Type.Union([ResultComment, Type.Null()]),
    observations: Type.Array(ResultObservation),
  }),
]);
export type ResultReport = Static<typeof ResultReport>;

export const TrendPoint = Type.Object({
  reportId: Uuid,
  effectiveAt: IsoDateTime,
  value: Type.Number(),
  low: Type.Union([Type.Number(), Type.Null()]),
  high: Type.Union([Type.Number(), Type.Null()]),
  flag: Type.Union([Interpretation, Type.Null()]),
});
export type TrendPoint = Static<typeof TrendPoint>;

/** Every numeric value of one analyte, oldest first, in the unit of the latest one. */
export const Trend = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  points: Type.Array(TrendPoint),
  /** Values in another unit, left out rather than mixed in. */
  otherUnits: Type.Integer(),
});
export type Trend = Static<typeof Trend>;

export const TrendParams = Type.Object({ code: Code }, { additionalProperties: false });
export type TrendParams = Static<typeof TrendParams>;
export const PatientTrendParams = Type.Object({ id: Uuid, code: Code }, { additionalProperties: false });
export type PatientTrendParams = Static<typeof PatientTrendParams>;

/** One analyte as a clinician types it: a number with its unit, or text. */
export const NewObservation = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    value: Type.Optional(Type.Number()),
    valueText: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    low: Type.Optional(Type.Number()),
    high: Type.Optional(Type.Number()),
    rangeText: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    flag: Type.Optional(Interpretation),
  },
  { additionalProperties: false },
);
export type NewObservation = Static<typeof NewObservation>;

export const NewResultBody = Type.Object(
  {
    category: ResultCategory,
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    status: Type.Optional(ResultStatus),
    effectiveAt: IsoDateTime,
    conclusion: Type.Optional(Type.String({ maxLength: 20000 })),
    comment: Type.Optional(Type.String({ maxLength: 5000 })),
    observations: Type.Array(NewObservation, { maxItems: 80 }),
  },
  { additionalProperties: false },
);
export type NewResultBody = Static<typeof NewResultBody>;

/** A resource a bundle carried that Portico does not keep: listed, not an error. */
export const IgnoredEntry = Type.Object({
  field: Type.String({ description: 'Its JSON path in the bundle, e.g. entry[3].resource' }),
  resourceType: Type.String(),
  reason: Type.String(),
});
export type IgnoredEntry = Static<typeof IgnoredEntry>;

export const ImportedResults = Type.Object({
  results: Type.Array(ResultSummary),
  /** What the bundle carried that Portico did not store (Practitioner, Encounter, Condition ...). */
  ignored: Type.Optional(Type.Array(IgnoredEntry)),
});
export type ImportedResults = Static<typeof ImportedResults>;

export const CommentBody = Type.Object({ comment: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
export type CommentBody = Static<typeof CommentBody>;

/** Days each kind of result is held before the patient sees it (0: at once, the default). */
export const ResultReleaseSettings = Type.Object(
  {
    lab: Type.Integer({ minimum: 0, maximum: 30 }),
    imaging: Type.Integer({ minimum: 0, maximum: 30 }),
    pathology: Type.Integer({ minimum: 0, maximum: 30 }),
  },
  { additionalProperties: false },
);
export type ResultReleaseSettings = Static<typeof ResultReleaseSettings>;

/** Kinds of vital sign the record keeps (FHIR vital-signs Observations; LOINC and UCUM on the server). */
export const VITAL_KINDS = [
  'blood-pressure',
  'heart-rate',
  'respiratory-rate',
  'body-temperature',
  'oxygen-saturation',
  'body-weight',
  'body-height',
  'bmi',
] as const;
export const VitalKind = Type.Union([
  Type.Literal('blood-pressure'),
  Type.Literal('heart-rate'),
  Type.Literal('respiratory-rate'),
  Type.Literal('body-temperature'),
  Type.Literal('oxygen-saturation'),
  Type.Literal('body-weight'),
  Type.Literal('body-height'),
  Type.Literal('bmi'),
]);
export type VitalKind = (typeof VITAL_KINDS)[number];

/** One reading; `value2` is the diastolic pressure of a blood pressure. */
export const VitalPoint = Type.Object({
  effectiveAt: IsoDateTime,
  value: Type.Number(),
  value2: Type.Union([Type.Number(), Type.Null()]),
});
export type VitalPoint = Static<typeof VitalPoint>;

/** Every reading of one kind, oldest first, in its fixed unit (UCUM code). */
export const VitalSeries = Type.Object({ kind: VitalKind, unit: Type.String(), points: Type.Array(VitalPoint) });
export type VitalSeries = Static<typeof VitalSeries>;

/** The open record's vital signs, one series per kind that has readings. */
export const VitalSigns = Type.Object({ vitals: Type.Array(VitalSeries) });
export type VitalSigns = Static<typeof VitalSigns>;
