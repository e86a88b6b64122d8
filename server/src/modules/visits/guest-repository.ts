import type { Db } from './repository.js';

export interface GuestRow {
  id: string;
  encounter_id: string;
  kind: 'guest' | 'interpreter';
  label: string;
  language: string | null;
  page_language: string | null;
  created_at: Date;
  revoked_at: Date | null;
  holder_hash: string | null;
  holder_name: string | null;
}

const COLUMNS = [
  'id',
  'encounter_id',
  'kind',
  'label',
  'language',
  'page_language',
  'created_at',
  'revoked_at',
  'holder_hash',
  'holder_name',
] as const;

/** Guest and interpreter invitations. SQL only. */
export class GuestRepository {
  constructor(readonly db: Db) {}

  /** The same queries on another handle (a transaction's). */
  with(db: Db): GuestRepository {
    return new GuestRepository(db);
  }

  create(g: {
    encounter_id: string;
    kind: 'guest' | 'interpreter';
    token_hash: string;
    label: string;
    email: string | null;
    language: string | null;
    page_language: string | null;
    created_by: string;
  }): Promise<GuestRow> {
    return this.db.insertInto('visit_guests').values(g).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  list(encounterId: string): Promise<GuestRow[]> {
    return this.db
      .selectFrom('visit_guests')
      .select(COLUMNS)
      .where('encounter_id', '=', encounterId)
      .orderBy('created_at')
      .execute();
  }

  byId(encounterId: string, id: string): Promise<GuestRow | undefined> {
    return this.db
      .selectFrom('visit_guests')
      .select(COLUMNS)
      .where('encounter_id', '=', encounterId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  byHolderHash(holderHash: string): Promise<GuestRow | undefined> {
    return this.db.selectFrom('visit_guests').select(COLUMNS).where('holder_hash', '=', holderHash).executeTakeFirst();
  }

  /** Hands the invitation to a new holder; the previous holder's cookie stops working. */
  async claim(id: string, holderHash: string, holderName: string): Promise<void> {
    await this.db
      .updateTable('visit_guests')
      .set({ holder_hash: holderHash, holder_name: holderName, claimed_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
