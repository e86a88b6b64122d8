/** Lab panels for the demo: LOINC codes, units and adult reference ranges as US labs print them. */
export interface Analyte {
  code: string;
  name: string;
  unit: string;
  low: number | null;
  high: number | null;
  rangeText?: string;
}

export interface Panel {
  code: string;
  name: string;
  analytes: readonly Analyte[];
}

export const CMP: Panel = {
  code: '24323-8',
  name: 'Comprehensive metabolic panel',
  analytes: [
    { code: '2345-7', name: 'Glucose', unit: 'mg/dL', low: 70, high: 99 },
    { code: '3094-0', name: 'Urea nitrogen (BUN)', unit: 'mg/dL', low: 7, high: 25 },
    { code: '2160-0', name: 'Creatinine', unit: 'mg/dL', low: 0.6, high: 1.0 },
    { code: '2951-2', name: 'Sodium', unit: 'mmol/L', low: 135, high: 146 },
    { code: '2823-3', name: 'Potassium', unit: 'mmol/L', low: 3.5, high: 5.3 },
    { code: '2075-0', name: 'Chloride', unit: 'mmol/L', low: 98, high: 110 },
    { code: '2028-9', name: 'Carbon dioxide', unit: 'mmol/L', low: 20, high: 32 },
    { code: '17861-6', name: 'Calcium', unit: 'mg/dL', low: 8.6, high: 10.4 },
    { code: '2885-2', name: 'Protein, total', unit: 'g/dL', low: 6.1, high: 8.1 },
    { code: '1751-7', name: 'Albumin', unit: 'g/dL', low: 3.6, high: 5.1 },
    { code: '1975-2', name: 'Bilirubin, total', unit: 'mg/dL', low: 0.2, high: 1.2 },
    { code: '6768-6', name: 'Alkaline phosphatase', unit: 'U/L', low: 37, high: 153 },
    { code: '1920-8', name: 'AST', unit: 'U/L', low: 10, high: 35 },
    { code: '1742-6', name: 'ALT', unit: 'U/L', low: 6, high: 29 },
  ],
};

export const LIPIDS: Panel = {
  code: '24331-1',
  name: 'Lipid panel',
  analytes: [
    { code: '2093-3', name: 'Cholesterol, total', unit: 'mg/dL', low: null, high: 199, rangeText: '<200' },
    { code: '2571-8', name: 'Triglycerides', unit: 'mg/dL', low: null, high: 149, rangeText: '<150' },
    { code: '2085-9', name: 'HDL cholesterol', unit: 'mg/dL', low: 50, high: null, rangeText: '≥50' },
    { code: '13457-7', name: 'LDL cholesterol (calculated)', unit: 'mg/dL', low: null, high: 99, rangeText: '<100' },
  ],
};

export const A1C: Panel = {
  code: '4548-4',
  name: 'Hemoglobin A1c',
  analytes: [{ code: '4548-4', name: 'Hemoglobin A1c', unit: '%', low: 4.0, high: 5.6, rangeText: '<5.7' }],
};

export const CBC: Panel = {
  code: '58410-2',
  name: 'Complete blood count (CBC)',
  analytes: [
    { code: '6690-2', name: 'White blood cells', unit: '10*3/uL', low: 3.8, high: 10.8 },
    { code: '789-8', name: 'Red blood cells', unit: '10*6/uL', low: 3.8, high: 5.1 },
    { code: '718-7', name: 'Hemoglobin', unit: 'g/dL', low: 11.7, high: 15.5 },
    { code: '4544-3', name: 'Hematocrit', unit: '%', low: 35, high: 45 },
    { code: '787-2', name: 'MCV', unit: 'fL', low: 80, high: 100 },
    { code: '777-3', name: 'Platelets', unit: '10*3/uL', low: 140, high: 400 },
  ],
};

/**
 * Eleanor Whitfield's numbers, oldest first: type 2 diabetes improving (A1c 7.4 → 6.8), LDL
 * above goal though falling on a statin, low HDL, fasting glucose a little high.
 */
export const ELEANOR = {
  a1c: [7.4, 7.6, 7.3, 7.1, 7.2, 6.9, 7.0, 6.8],
  /** Quarters (0 = about three years ago, 11 = this month) with an A1c. */
  a1cQuarters: [0, 2, 3, 5, 6, 8, 9, 11],
  glucose: [142, 151, 138, 133, 129, 135, 126, 122, 128, 119, 121, 116],
  creatinine: [0.92, 0.95, 0.98, 0.94, 1.02, 0.99, 1.04, 0.97, 1.01, 1.06, 0.98, 1.03],
  /** Total, triglycerides, HDL, LDL at quarters 1, 3, 5, 7, 9, 11. */
  lipids: [
    [245, 188, 48, 159],
    [229, 171, 51, 144],
    [212, 152, 52, 130],
    [199, 139, 54, 117],
    [194, 141, 55, 111],
    [188, 132, 56, 106],
  ],
  cbc: [6.4, 4.12, 11.4, 34.6, 84, 242],
} as const;

/** The rest of a CMP, steady from visit to visit with a little variation. */
export function steadyCmp(quarter: number): number[] {
  const wobble = ((quarter * 37) % 7) - 3;
  return [
    16 + wobble,
    140 + (wobble % 3),
    4.3 + wobble / 20,
    103 + (wobble % 2),
    26 + (wobble % 2),
    9.5 + wobble / 20,
    7.1 + wobble / 30,
    4.2 + wobble / 30,
    0.6 + wobble / 50,
    82 + wobble * 2,
    22 + wobble,
    21 + wobble,
  ].map((v) => Math.round(v * 10) / 10);
}

export const CHEST_XRAY = {
  code: '36643-5',
  name: 'Chest X-ray, 2 views',
  conclusion:
    'Findings: Two views of the chest. The lungs are clear. No pleural effusion or pneumothorax. ' +
    'The heart is normal in size. Mild degenerative changes of the thoracic spine.\n\n' +
    'Impression: No acute disease in the chest.',
  comment: 'Your chest X-ray looks healthy. The spine changes are the usual wear of age and need no treatment.',
};

export const SKIN_BIOPSY = {
  code: '60567-5',
  name: 'Skin biopsy, left forearm (pathology)',
  conclusion:
    'Specimen: Skin, left forearm, shave biopsy.\n\n' +
    'Diagnosis: Seborrheic keratosis, irritated type. No evidence of malignancy.',
};
