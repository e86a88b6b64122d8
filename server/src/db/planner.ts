/**
 * The planner's price of a page read out of order (PostgreSQL's default is 4, for spinning disks).
 * Portico's working set is small and cached (PGlite holds it in memory; a hospital's server on
 * SSDs), where PostgreSQL's documentation suggests about 1.1. At 4 the directory read all 5,000
 * clinicians (5–7 ms) for any word naming a whole service line instead of its indexes (1–1.4 ms).
 * Decision 0057.
 */
export const RANDOM_PAGE_COST = 1.1;
/** Applied to each new PostgreSQL connection, unless the server, database or role already sets a value of its own. */
export const PLANNER_SETTINGS_SQL = `select set_config('random_page_cost', '${RANDOM_PAGE_COST}', false) where current_setting('random_page_cost') = '4'`;

/**
 * Marks a statement to be planned with its values each time it runs (decision 0060). The
 * embedded database keeps statements it has run before prepared, and PostgreSQL may then settle
 * on one generic plan for every value; for a search whose best plan depends on its words and
 * filters (a word naming 385 of 5,000 clinicians, or 3), that one plan is wrong for many of them.
 */
export const PLAN_WITH_VALUES = '/* portico: plan with values */';
