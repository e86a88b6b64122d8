import {
  createQueryId,
  type CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Database } from '../../db/schema.js';
import { DirectoryRepository } from './repository.js';
import type { DirectoryFilters, SearchSort } from './search-repository.js';

/** Keeps every statement Kysely runs through it, so their exact SQL can be read back. */
class CaptureQueries implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Runs one search through the repository and returns the exact SQL and parameters of its page
 * statement (the one reading clinicians with a LIMIT), and how many it found, for EXPLAIN: the plan test and
 * bench:directory read the plan of the statement Portico really sends.
 */
export async function directoryPageStatement(
  db: Kysely<Database>,
  filters: DirectoryFilters,
  opts: { sort: SearchSort; limit: number; offset: number },
): Promise<{ statement: CompiledQuery; total: number }> {
  const capture = new CaptureQueries();
  const { total } = await new DirectoryRepository(db.withPlugin(capture)).search(filters, opts);
  const page = capture.nodes
    .map((node) => db.getExecutor().compileQuery(node, createQueryId()))
    .find((q) => q.sql.includes('"clinicians" as "c"') && / limit /i.test(q.sql));
  if (!page) throw new Error('the clinician search page statement was not captured');
  return { statement: page, total };
}
