import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Database, Environment } from '../../db/schema.ts';
import type { VoucherBatchTable, VoucherReservationType, VoucherState, VoucherTable } from '../../db/tables/vouchers.ts';
import { TRANSITIONS, type VoucherAction } from './vouchers.policy.ts';

export interface VoucherScope {
  accountId: string;
  environment: Environment;
}

/** Rows per INSERT: 500 × 17 columns stays under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

export async function insertBatch(db: Executor, batch: VoucherBatchTable): Promise<void> {
  await db.insertInto('voucher_batch').values(batch).execute();
}

export async function insertVouchers(db: Executor, vouchers: VoucherTable[]): Promise<void> {
  for (let i = 0; i < vouchers.length; i += INSERT_CHUNK) {
    await db
      .insertInto('voucher')
      .values(vouchers.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

export async function findBatch(db: Executor, scope: VoucherScope, batchId: string) {
  return db
    .selectFrom('voucher_batch')
    .selectAll()
    .where('id', '=', batchId)
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .executeTakeFirst();
}

/** Newest first (ids sort by creation time); `before` is the last id of the previous page. */
export async function listBatches(db: Executor, scope: VoucherScope, page: { before?: string; status?: VoucherBatchTable['status']; limit: number }) {
  let query = db
    .selectFrom('voucher_batch')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('environment', '=', scope.environment)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  if (page.status !== undefined) query = query.where('status', '=', page.status);
  return query.execute();
}

export async function countCodesByState(db: Executor, batchIds: string[]) {
  if (batchIds.length === 0) return [];
  return db
    .selectFrom('voucher')
    .select(['batch_id', 'state', (eb) => eb.fn.countAll<number>().as('count')])
    .where('batch_id', 'in', batchIds)
    .groupBy(['batch_id', 'state'])
    .execute();
}

export async function listBatchCodes(db: Executor, batchId: string, page: { after?: string; state?: VoucherState; limit?: number }) {
  let query = db.selectFrom('voucher').selectAll().where('batch_id', '=', batchId).orderBy('id');
  if (page.limit !== undefined) query = query.limit(page.limit);
  if (page.after !== undefined) query = query.where('id', '>', page.after);
  if (page.state !== undefined) query = query.where('state', '=', page.state);
  return query.execute();
}

/** A code with the batch facts that decide what it is worth and where it applies. */
function vouchersWithBatch(db: Executor, scope: VoucherScope) {
  return db
    .selectFrom('voucher as v')
    .innerJoin('voucher_batch as b', 'b.id', 'v.batch_id')
    .selectAll('v')
    .select(['b.test_codes', 'b.discount_kind', 'b.discount_percent', 'b.discount_amount', 'b.discount_currency'])
    .where('v.account_id', '=', scope.accountId)
    .where('v.environment', '=', scope.environment);
}

export type VoucherWithBatch = NonNullable<Awaited<ReturnType<typeof findVoucher>>>;

/** A code of the caller's account and environment; another account's code is undefined, exactly like an unknown one. */
export async function findVoucher(db: Executor, scope: VoucherScope, code: string) {
  return vouchersWithBatch(db, scope).where('v.code', '=', code).executeTakeFirst();
}

export async function findVouchersReservedFor(db: Executor, scope: VoucherScope, target: { type: VoucherReservationType; id: string }) {
  return vouchersWithBatch(db, scope)
    .where('v.state', '=', 'reserved')
    .where('v.reserved_for_type', '=', target.type)
    .where('v.reserved_for_id', '=', target.id)
    .orderBy('v.code')
    .execute();
}

export interface TransitionGuard {
  action: VoucherAction;
  now: string;
  /** The eligibility/booking acting: the only one allowed to redeem or release a code reserved for it. */
  target?: { type: VoucherReservationType; id: string };
}

type VoucherEb = ExpressionBuilder<Database, 'voucher'>;

/** The new column values of each action; the old row's values are read by the same UPDATE (SQL sees the old row in SET). */
function changesOf(eb: VoucherEb, guard: TransitionGuard) {
  const common = {
    previous_state: eb.ref('state'),
    version: eb('version', '+', 1),
    updated_at: guard.now,
  };
  const unreserved = { reserved_for_type: null, reserved_for_id: null, reserved_at: null };
  switch (guard.action) {
    case 'reserve':
      if (!guard.target) throw new Error('reserve needs a target');
      return { ...common, state: 'reserved' as const, reserved_for_type: guard.target.type, reserved_for_id: guard.target.id, reserved_at: guard.now };
    case 'redeem':
      return { ...common, ...unreserved, state: 'redeemed' as const, uses: eb('uses', '+', 1), redeemed_at: guard.now };
    case 'release':
      return { ...common, ...unreserved, state: sql<VoucherState>`case when uses > 0 then 'redeemed' else 'issued' end` };
    case 'restore':
      return { ...common, ...unreserved, state: 'restored' as const, uses: sql<number>`case when state = 'redeemed' then uses - 1 else uses end` };
    case 'expire':
      return { ...common, ...unreserved, state: 'expired' as const };
    case 'void':
      return { ...common, ...unreserved, state: 'void' as const };
    case 'forfeit':
      return { ...common, ...unreserved, state: 'forfeited' as const };
  }
}

/** The WHERE that makes a transition safe under concurrency: only rows still in an allowed state, with a use left… */
function guardOf(eb: VoucherEb, guard: TransitionGuard) {
  const from = TRANSITIONS[guard.action].from;
  const held = guard.target ? eb.and([eb('reserved_for_type', '=', guard.target.type), eb('reserved_for_id', '=', guard.target.id)]) : eb.lit(false);
  switch (guard.action) {
    case 'reserve':
      return eb.and([
        eb(
          'state',
          'in',
          from.filter((s) => s !== 'reserved'),
        ),
        eb('uses', '<', eb.ref('max_uses')),
        eb('expires_at', '>', guard.now),
      ]);
    case 'redeem':
      return eb.and([
        eb.or([eb('state', 'in', ['issued', 'restored', 'redeemed']), eb.and([eb('state', '=', 'reserved'), held])]),
        eb('uses', '<', eb.ref('max_uses')),
        eb('expires_at', '>', guard.now),
      ]);
    case 'release':
      return eb.and([eb('state', '=', 'reserved'), held]);
    case 'restore':
    case 'forfeit':
      return eb.or([eb('state', '=', 'reserved'), eb.and([eb('state', '=', 'redeemed'), eb('uses', '>', 0)])]);
    case 'expire':
    case 'void':
      return eb.and([eb('state', 'in', from), eb('uses', '<', eb.ref('max_uses'))]);
  }
}

/**
 * One guarded conditional UPDATE: it changes the row only if the transition is still allowed when the database
 * applies it (PostgreSQL re-checks the WHERE after waiting for a concurrent writer's lock; SQLite serialises
 * writers). Undefined when the guard did not match: the caller re-reads the row to say why.
 */
export async function transitionVoucher(db: Executor, voucherId: string, guard: TransitionGuard): Promise<VoucherTable | undefined> {
  return db
    .updateTable('voucher')
    .set((eb) => changesOf(eb, guard))
    .where('id', '=', voucherId)
    .where((eb) => guardOf(eb, guard))
    .returningAll()
    .executeTakeFirst();
}

/** Voids every code of a batch that can still be used; the ones used up or already ended keep their state. */
export async function voidBatchCodes(db: Executor, batchId: string, now: string): Promise<number> {
  const rows = await db
    .updateTable('voucher')
    .set((eb) => changesOf(eb as VoucherEb, { action: 'void', now }))
    .where('batch_id', '=', batchId)
    .where((eb) => guardOf(eb as VoucherEb, { action: 'void', now }))
    .returning('id')
    .execute();
  return rows.length;
}

export async function updateBatchStatus(db: Executor, batchId: string, status: VoucherBatchTable['status'], now: string) {
  return db
    .updateTable('voucher_batch')
    .set({ status, updated_at: now })
    .where('id', '=', batchId)
    .where('status', '<>', status)
    .returningAll()
    .executeTakeFirst();
}

/** Expires up to `limit` usable codes whose date has passed; answers which, for the audit log. */
export async function expireDueCodes(db: Executor, now: string, limit: number) {
  const due = db
    .selectFrom('voucher')
    .select('id')
    .where('expires_at', '<=', now)
    .where('state', 'in', TRANSITIONS.expire.from)
    .where((eb) => eb('uses', '<', eb.ref('max_uses')))
    .limit(limit);
  return db
    .updateTable('voucher')
    .set((eb) => changesOf(eb as VoucherEb, { action: 'expire', now }))
    .where('id', 'in', due)
    .where((eb) => guardOf(eb as VoucherEb, { action: 'expire', now }))
    .returning(['id', 'code', 'batch_id', 'account_id', 'environment', 'previous_state'])
    .execute();
}
