import { describe, expect, it } from 'vitest';
import { activeFilterCount, readQuery, withoutFilter, writeQuery } from './searchParams';

describe('directory search in the address', () => {
  it('round-trips a full search', () => {
    const query = {
      q: 'heart',
      serviceLine: 'cardiac',
      language: 'es',
      state: 'MA',
      visitMode: 'video' as const,
      newPatients: true,
      availableWithinDays: 7,
      sort: 'next_available' as const,
      page: 3,
    };
    const params = writeQuery(query);
    expect(params.toString()).toBe(
      'q=heart&serviceLine=cardiac&language=es&state=MA&visitMode=video&newPatients=true&availableWithinDays=7&sort=next_available&page=3',
    );
    expect(readQuery(params)).toEqual(query);
    expect(activeFilterCount(query)).toBe(6);
  });

  it('drops values the server would refuse instead of failing', () => {
    const query = readQuery(
      new URLSearchParams(
        'language=Spanish&state=ma&visitMode=fax&availableWithinDays=500&page=0&clinicalArea=nope&sort=random&newPatients=yes',
      ),
    );
    expect(query).toEqual({});
  });

  it('leaves defaults out of the address', () => {
    expect(writeQuery({ sort: 'relevance', page: 1 }).toString()).toBe('');
  });

  it('removes one filter and goes back to page 1', () => {
    expect(withoutFilter({ q: 'x', language: 'es', state: 'VT', page: 4 }, 'state')).toEqual({
      q: 'x',
      language: 'es',
    });
    expect(withoutFilter({ q: 'x', language: 'es' }, 'q')).toEqual({ language: 'es' });
  });
});
