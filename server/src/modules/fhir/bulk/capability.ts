const BULK = 'http://hl7.org/fhir/uv/bulkdata';

interface CapabilityResource {
  type: string;
  operation?: { name: string; definition: string }[];
  [key: string]: unknown;
}

/**
 * Adds bulk export to the CapabilityStatement: the Bulk Data IG's statement is instantiated,
 * `Patient` gains `$export`, and `Group` (one per organization) is listed with read, search and
 * `$export`.
 */
export function withBulkExport<T extends { instantiates?: string[]; rest: { resource: CapabilityResource[] }[] }>(
  statement: T,
): T {
  const rest = statement.rest[0];
  if (!rest) return statement;
  const resource = rest.resource.map((r) =>
    r.type === 'Patient'
      ? {
          ...r,
          operation: [
            ...(r.operation ?? []),
            { name: 'export', definition: `${BULK}/OperationDefinition/patient-export` },
          ],
        }
      : r,
  );
  resource.push({
    type: 'Group',
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    versioning: 'no-version',
    readHistory: false,
    updateCreate: false,
    searchParam: [
      { name: '_id', type: 'token' },
      { name: 'name', type: 'string' },
    ],
    operation: [{ name: 'export', definition: `${BULK}/OperationDefinition/group-export` }],
  });
  return {
    ...statement,
    instantiates: [...(statement.instantiates ?? []), `${BULK}/CapabilityStatement/bulk-data`],
    rest: [{ ...rest, resource }, ...statement.rest.slice(1)],
  };
}
