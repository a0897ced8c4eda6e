import { Type } from 'typebox';

/** Money is integer minor units plus an ISO 4217 currency (cents for USD, pence for GBP). */
export const Money = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Minor units (e.g. cents).', examples: [15000] }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.', examples: ['USD'] }),
  },
  { additionalProperties: false },
);

export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.', examples: ['US'] });

export const Timestamp = Type.String({ format: 'date-time', description: 'UTC, ISO 8601.', examples: ['2026-03-02T14:30:00.000Z'] });

export const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD.', examples: ['2026-12-31'] });
