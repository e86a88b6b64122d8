import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSuite, newContext, PHONE } from './harness.js';
import { expectHeadingFocused, expectOnlyOurOrigin, openFromMenu, signInOnPage } from './page-checks.js';

const suite = e2eSuite();

describe('issue 17: a refill whose prescriber is not available', () => {
  it("goes to the patient's primary care clinician, and the patient is told so before sending", async () => {
    // Eleanor's metformin is from the endocrinologist, who has no account here to answer it.
    const endocrinologist = await suite.portico.database.db
      .selectFrom('medication_requests as m')
      .innerJoin('clinicians as c', 'c.id', 'm.prescriber_id')
      .select(['c.given_name', 'c.family_name', 'c.user_id'])
      .where('m.medication_name', '=', 'Metformin')
      .executeTakeFirstOrThrow();
    expect(endocrinologist.user_id).toBeNull();
    const prescriber = `${endocrinologist.given_name} ${endocrinologist.family_name}`;

    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const patient = await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org');
    await openFromMenu(patient, 'Medications');
    await expectHeadingFocused(patient, 'Medications');
    await patient.getByRole('link', { name: 'Request a refill of Metformin' }).click();
    await expectHeadingFocused(patient, 'Request a refill');
    await patient.getByRole('button', { name: 'Review request' }).click();
    await patient.getByRole('heading', { level: 2, name: 'Check your request' }).waitFor();
    expect(await patient.getByTestId('refill-answerer').textContent()).toBe(
      `Your primary care clinician, Priya Raman: ${prescriber}, who prescribed it, is not available.`,
    );
    await patient.getByRole('button', { name: 'Send request' }).click();
    await patient.getByText('Your refill request for Metformin was sent.', { exact: false }).waitFor();

    // Dr. Raman has it in her queue as hers, says why, and can answer it.
    const doctorSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    doctorSide.context.setDefaultTimeout(15_000);
    const doctor = await signInOnPage(suite.portico.origin, doctorSide.context, 'clinician@example.org');
    await openFromMenu(doctor, 'Refill requests');
    await expectHeadingFocused(doctor, 'Refill requests');
    const request = doctor
      .getByRole('listitem')
      .filter({ has: doctor.getByRole('heading', { name: /^Metformin .* for Eleanor Whitfield$/ }) });
    expect(await request.textContent()).toContain(`Priya Raman, as ${prescriber} is not available`);
    await request.getByRole('button', { name: 'Approve for Eleanor Whitfield' }).click();
    await request.getByRole('button', { name: 'Approve refill' }).click();
    await doctor.getByText('Refill of Metformin for Eleanor Whitfield approved.', { exact: false }).waitFor();

    await patientSide.context.close();
    await doctorSide.context.close();
    expectOnlyOurOrigin(patientSide.log);
    expectOnlyOurOrigin(doctorSide.log);
  });
});
