import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RecordReader } from '../fhir/index.js';

/**
 * The record as a FHIR R4 `collection` Bundle, written as it is read: one page of resources at a
 * time (RecordReader.pages), each page serialised on its own turn of the event loop, so a large
 * record neither sits in memory whole nor blocks other requests.
 */
export async function* bundleChunks(reader: RecordReader, fhirBase: string): AsyncGenerator<string> {
  const head = {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: reader.now.toISOString(),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"entry":[`;
  let first = true;
  for await (const page of reader.pages()) {
    let chunk = '';
    for (const resource of page) {
      chunk += `${first ? '' : ','}\n${JSON.stringify({ fullUrl: `${fhirBase}/${resource.resourceType}/${resource.id}`, resource })}`;
      first = false;
    }
    yield chunk;
    await yieldToLoop();
  }
  yield '\n]}\n';
}
