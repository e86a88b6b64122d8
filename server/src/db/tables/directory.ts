/** Words that find every clinician of a service line ("heart" → Cardiac), edited by admins. */
export interface DirectorySynonymsTable {
  service_line_code: string;
  word: string;
}

/** Tables of the directory's search words; Database in ../schema.ts extends this. */
export interface DirectoryTables {
  directory_synonyms: DirectorySynonymsTable;
}
