import type { Selectable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { TestCenterCapacityChangeTable, TestCenterClosureTable, TestCenterStatus, TestCenterTable } from '../../db/tables/test-centers.ts';

export type TestCenterRow = Selectable<TestCenterTable>;
export type ClosureRow = Selectable<TestCenterClosureTable>;

/** What narrows a search in SQL; the exact great-circle radius is applied by the service. */
export interface CenterFilter {
  status?: TestCenterStatus;
  country?: string;
  region?: string;
  /** From the test's delivery rules: undefined = no restriction. */
  countries?: string[];
  locationCodes?: string[];
  box?: { minLat: number; maxLat: number; minLon?: number; maxLon?: number };
}

function filtered(db: Executor, filter: CenterFilter) {
  let query = db.selectFrom('test_center').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.country) query = query.where('country', '=', filter.country);
  // Regions are matched without regard to case: partners write "ny", "NY" or "Ontario".
  if (filter.region) query = query.where((eb) => eb(eb.fn('upper', ['region']), '=', (filter.region as string).toUpperCase()));
  if (filter.countries && filter.countries.length > 0) query = query.where('country', 'in', filter.countries);
  if (filter.locationCodes && filter.locationCodes.length > 0) query = query.where('location_code', 'in', filter.locationCodes);
  if (filter.box) {
    query = query.where('latitude', '>=', filter.box.minLat).where('latitude', '<=', filter.box.maxLat);
    if (filter.box.minLon !== undefined && filter.box.maxLon !== undefined) {
      query = query.where('longitude', '>=', filter.box.minLon).where('longitude', '<=', filter.box.maxLon);
    }
  }
  return query;
}

/** A page of centres by location code (cursor = last code seen). */
export async function listCentersByCode(db: Executor, filter: CenterFilter, page: { after?: string; limit: number }): Promise<TestCenterRow[]> {
  let query = filtered(db, filter).orderBy('location_code').limit(page.limit);
  if (page.after !== undefined) query = query.where('location_code', '>', page.after);
  return query.execute();
}

/** Every centre that passes the filter (for distance ordering: the network is a few thousand rows at most). */
export async function listAllCenters(db: Executor, filter: CenterFilter): Promise<TestCenterRow[]> {
  return filtered(db, filter).orderBy('location_code').execute();
}

export async function findCenterByCode(db: Executor, locationCode: string): Promise<TestCenterRow | undefined> {
  return db.selectFrom('test_center').selectAll().where('location_code', '=', locationCode).executeTakeFirst();
}

export async function insertCenter(db: Executor, row: TestCenterTable): Promise<void> {
  await db.insertInto('test_center').values(row).execute();
}

/**
 * Applies a change only if the centre is still at `expectedVersion` (optimistic concurrency: two coordinators editing
 * at once cannot silently overwrite each other, and the capacity history keeps one row per version).
 */
export async function updateCenterAtVersion(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<TestCenterTable, 'id' | 'location_code' | 'version' | 'created_at'>>,
): Promise<TestCenterRow | undefined> {
  return db
    .updateTable('test_center')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function insertCapacityChange(db: Executor, row: TestCenterCapacityChangeTable): Promise<void> {
  await db.insertInto('test_center_capacity_change').values(row).execute();
}

export async function listCapacityChanges(db: Executor, centerId: string) {
  return db.selectFrom('test_center_capacity_change').selectAll().where('test_center_id', '=', centerId).orderBy('version', 'desc').execute();
}

export async function insertClosure(db: Executor, row: TestCenterClosureTable): Promise<void> {
  await db.insertInto('test_center_closure').values(row).execute();
}

export async function findClosure(db: Executor, centerId: string, closureId: string): Promise<ClosureRow | undefined> {
  return db.selectFrom('test_center_closure').selectAll().where('test_center_id', '=', centerId).where('id', '=', closureId).executeTakeFirst();
}

/** Guarded transition scheduled → cancelled: only one caller wins, and an ended closure stays as it was. */
export async function cancelClosureRow(db: Executor, closureId: string, now: string, by: string): Promise<ClosureRow | undefined> {
  return db
    .updateTable('test_center_closure')
    .set({ status: 'cancelled', cancelled_at: now, cancelled_by: by })
    .where('id', '=', closureId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export type ClosureWindow = 'upcoming' | 'past' | 'all';

/** Scheduled closures of a centre by start (cursor = [starts_at, id]); `upcoming` = not yet ended at `now`. */
export async function listClosures(
  db: Executor,
  centerId: string,
  filter: { window: ClosureWindow; now: string; includeCancelled?: boolean; after?: [string, string]; limit?: number },
): Promise<ClosureRow[]> {
  let query = db.selectFrom('test_center_closure').selectAll().where('test_center_id', '=', centerId).orderBy('starts_at').orderBy('id');
  if (!filter.includeCancelled) query = query.where('status', '=', 'scheduled');
  if (filter.window === 'upcoming') query = query.where('ends_at', '>', filter.now);
  if (filter.window === 'past') query = query.where('ends_at', '<=', filter.now);
  if (filter.after) {
    const [startsAt, id] = filter.after;
    query = query.where((eb) => eb.or([eb('starts_at', '>', startsAt), eb.and([eb('starts_at', '=', startsAt), eb('id', '>', id)])]));
  }
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

/** Scheduled closures of a centre that overlap [from, to). */
export async function closuresOverlapping(db: Executor, centerId: string, from: string, to: string): Promise<ClosureRow[]> {
  return db
    .selectFrom('test_center_closure')
    .selectAll()
    .where('test_center_id', '=', centerId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
}
