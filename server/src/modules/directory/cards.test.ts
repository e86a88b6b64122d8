import { expect, test } from 'vitest';
import { withAreas } from './cards.js';
import type { PageRow } from './search-repository.js';

const row = (id: string, areaIds: string[]): PageRow => ({
  id,
  organization_id: 'org',
  organization_name: 'Harbor',
  given_name: 'Ana',
  family_name: id,
  credentials: 'MD',
  specialty: 'Cardiology',
  service_line_code: 'cardiac',
  service_line_name: 'Heart',
  languages: ['en'],
  licensed_states: ['MA'],
  visit_modes: ['video'],
  accepting_new_patients: true,
  self_scheduling: true,
  next_available_at: null,
  area_ids: areaIds,
});

const areas = [
  { id: 'a3', name: 'Arrhythmia Service', serviceLineCode: 'cardiac' },
  { id: 'a1', name: 'Heart Failure Program', serviceLineCode: 'cardiac' },
  { id: 'a2', name: 'Valve Disease Clinic', serviceLineCode: 'cardiac' },
];

test("names each card's clinical areas in the list's (name) order, whatever order the ids came in", () => {
  const [first, second] = withAreas([row('x', ['a2', 'a3', 'a1']), row('y', [])], areas);
  expect(first?.areas?.map((a) => a.name)).toEqual([
    'Arrhythmia Service',
    'Heart Failure Program',
    'Valve Disease Clinic',
  ]);
  expect(first).not.toHaveProperty('area_ids');
  expect(second?.areas).toEqual([]);
});

test('leaves out an area the list no longer has (removed after the list was read)', () => {
  const [card] = withAreas([row('x', ['gone', 'a1'])], areas);
  expect(card?.areas).toEqual([{ id: 'a1', name: 'Heart Failure Program', serviceLineCode: 'cardiac' }]);
});
