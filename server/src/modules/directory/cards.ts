import type { ClinicianArea, ClinicianRow, PageRow } from './search-repository.js';

/** A card in a list: a clinician without the bio and `active`, with the names of their clinical areas. */
export type CardRow = Omit<ClinicianRow, 'bio' | 'active'>;

/**
 * A page's rows with their clinical areas named, in the order of `areas` (every area, by name). An
 * id missing from `areas` (an area removed after the list was read) is left out.
 */
export function withAreas(rows: PageRow[], areas: ClinicianArea[]): CardRow[] {
  const order = new Map(areas.map((a, i) => [a.id, i]));
  return rows.map(({ area_ids, ...row }) => ({
    ...row,
    areas: area_ids
      .flatMap((id) => {
        const i = order.get(id);
        return i === undefined ? [] : [i];
      })
      .sort((a, b) => a - b)
      .flatMap((i) => (areas[i] ? [areas[i]] : [])),
  }));
}
