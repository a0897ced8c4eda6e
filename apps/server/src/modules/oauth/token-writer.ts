import type { Executor } from '../../db/executor.ts';
import type { AccessTokenRow } from '../../db/schema.ts';
import { insertAccessToken, insertAccessTokens } from './token.repository.ts';

interface Pending {
  row: AccessTokenRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Rows per statement: 10 columns each, well under SQLite's and PostgreSQL's bound-parameter limits. */
const MAX_BATCH = 500;

/**
 * Group commit for application tokens: every token requested in the same turn of the event loop is written by one
 * multi-row INSERT (one transaction), and each request answers only once its row is committed — so a token the
 * partner holds always exists, while the per-token cost of a commit is shared. If the batch fails, rows are
 * retried one by one so one bad row cannot fail its neighbours.
 */
export class AccessTokenWriter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Executor) {}

  /** Resolves once the row is committed. A bound function, so grants pass it on without a closure per token. */
  readonly write = (row: AccessTokenRow): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flushNext);
      }
    });

  private readonly flushNext = (): void => void this.flush();

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH);
    if (this.pending.length > 0) setImmediate(this.flushNext);
    else this.scheduled = false;
    try {
      await insertAccessTokens(
        this.db,
        batch.map((p) => p.row),
      );
      for (const p of batch) p.resolve();
    } catch {
      for (const p of batch) {
        try {
          await insertAccessToken(this.db, p.row);
          p.resolve();
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }
}
