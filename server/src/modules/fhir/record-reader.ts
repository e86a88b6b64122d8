import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Compartment, ResourceType } from './compartment.js';
import type { OrganizationRow, PatientRow } from './repository.js';
import type { Resource } from './resource.js';
import { isSqlSearchType, recordQuery } from './sql-search.js';

/**
 * One patient's record for the portal's record download (docs/decisions/0043): the resources an
 * access may read, exactly as the API serves them (the same compartment and mappers as
 * Patient/$everything), but read a page at a time so a record with thousands of results neither
 * sits in memory as one array nor holds the event loop while it is serialised.
 */
export class RecordReader {
  constructor(
    private readonly compartment: Compartment,
    /** The types this access may read, in the order the download lists them. */
    readonly types: readonly ResourceType[],
    readonly organization: OrganizationRow | null,
  ) {}

  get patient(): PatientRow {
    return this.compartment.patient;
  }

  get now(): Date {
    return this.compartment.now;
  }

  /**
   * Every readable resource, type by type. Observation and DiagnosticReport (the types that grow
   * without bound) come from the database `pageSize` at a time, newest first; between pages the
   * event loop runs other requests.
   */
  async *pages(pageSize = 500): AsyncGenerator<Resource[]> {
    for (const type of this.types) {
      if (!isSqlSearchType(type)) {
        const all = await this.compartment.all(type);
        if (all.length > 0) yield all;
        continue;
      }
      for (let offset = 0; ; offset += pageSize) {
        const q = recordQuery(type, [], this.at, { limit: pageSize, offset, total: false });
        if (!q) break;
        const page = await this.compartment.searchPage(type, q);
        if (page.resources.length > 0) yield page.resources;
        if (!page.more) break;
        await yieldToLoop();
      }
    }
  }

  /** Up to `limit` resources of one type (results newest first), or none when the access may not read it. */
  async first(type: ResourceType, limit: number): Promise<Resource[]> {
    if (!this.types.includes(type)) return [];
    if (isSqlSearchType(type)) {
      const q = recordQuery(type, [], this.at, { limit, offset: 0, total: false });
      return q ? (await this.compartment.searchPage(type, q)).resources : [];
    }
    return (await this.compartment.all(type)).slice(0, limit);
  }

  /** Resources of one type by id (one query for results), or none when the access may not read the type. */
  async byIds(type: ResourceType, ids: readonly string[]): Promise<Resource[]> {
    if (!this.types.includes(type) || ids.length === 0) return [];
    return this.compartment.findMany(type, ids);
  }

  private get at(): { patientId: string; now: Date } {
    return { patientId: this.compartment.patientId, now: this.compartment.now };
  }
}
