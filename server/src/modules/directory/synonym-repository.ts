import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The directory's search words per service line. SQL only. */
export class SynonymRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every service line with its words, alphabetically. */
  async list(): Promise<{ code: string; name: string; words: string[] }[]> {
    const { rows } = await sql<{ code: string; name: string; words: string[] }>`
      select sl.code, sl.name,
        coalesce(array_agg(s.word order by s.word) filter (where s.word is not null), '{}') as words
      from service_lines sl left join directory_synonyms s on s.service_line_code = sl.code
      group by sl.code, sl.name order by sl.name`.execute(this.db);
    return rows;
  }

  /**
   * Replaces one line's words; new words join the typo-correction list. Call it on a transaction's
   * repository (`DirectoryRepository.transaction`), so the words and their audit row commit together.
   */
  async replace(serviceLineCode: string, words: string[]): Promise<void> {
    await this.db.deleteFrom('directory_synonyms').where('service_line_code', '=', serviceLineCode).execute();
    if (words.length === 0) return;
    await this.db
      .insertInto('directory_synonyms')
      .values(words.map((word) => ({ service_line_code: serviceLineCode, word })))
      .execute();
    await sql`
      insert into directory_words (word)
      select w from unnest(${words}::text[]) as w
      where length(w) between 3 and 60 and w ~ '^[[:alpha:]]+$'
      on conflict do nothing`.execute(this.db);
  }
}
