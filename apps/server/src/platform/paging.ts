import { type TSchema, Type } from 'typebox';
import { AppError, PlatformErrors } from './errors.ts';

/** `page_size` + `cursor` on every list; answers `{ data, next_cursor }`. */
export const PageQuery = {
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (1–200).' })),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'next_cursor of the previous page.' })),
};

export function Page<T extends TSchema>(item: T, id: string) {
  return Type.Object(
    {
      data: Type.Array(item),
      next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass it as `cursor` for the next page; null on the last page.' }),
    },
    { $id: id },
  );
}

/** A cursor is the sort key of the last item seen, opaque to the partner (base64url JSON). */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.length === length && position.every((p) => typeof p === 'string' || typeof p === 'number')) return position;
  } catch {
    // falls through to the error below
  }
  throw new AppError(PlatformErrors.VALIDATION_FAILED, 'cursor is not one this API returned', {
    errors: [{ pointer: '/query/cursor', message: 'invalid cursor' }],
  });
}

/** Fetch `pageSize + 1` rows; this trims the extra one and builds next_cursor from the last row kept. */
export function pageOf<R, T>(
  rows: R[],
  pageSize: number,
  position: (row: R) => (string | number)[],
  view: (row: R) => T,
): { data: T[]; next_cursor: string | null } {
  const hasMore = rows.length > pageSize;
  const kept = hasMore ? rows.slice(0, pageSize) : rows;
  const last = kept[kept.length - 1];
  return { data: kept.map(view), next_cursor: hasMore && last !== undefined ? encodeCursor(position(last)) : null };
}
