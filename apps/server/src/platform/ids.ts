import { secureRandomBytes } from './random.ts';

/**
 * Public identifiers: `<prefix>_<time><random>`. The time part (ms, Crockford base32, 10 chars) makes ids sort by
 * creation; 80 random bits make them unguessable. One prefix map so every id says what it names.
 */
export const ID_PREFIXES = {
  account: 'acc',
  user: 'usr',
  application: 'app',
  applicationKey: 'key',
  subscription: 'sub',
  accessToken: 'tok',
  refreshToken: 'rtk',
  tokenFamily: 'fam',
  auditEvent: 'aud',
  test: 'tst',
  testCenter: 'ctr',
  closure: 'cls',
  voucherBatch: 'vbt',
  voucher: 'vch',
  candidate: 'cnd',
  eligibility: 'elg',
  event: 'evt',
  endpoint: 'whk',
  hold: 'hld',
  booking: 'bkg',
  payment: 'pay',
  refund: 'ref',
  invoice: 'inv',
  delivery: 'dlv',
  deliveryAttempt: 'att',
  resendJob: 'rsj',
  portalSession: 'pss',
  coordinator: 'crd',
  proctoringSession: 'prs',
  proctoringEvent: 'pev',
  result: 'res',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Upper-case, no 0/O/1/I/L: codes people read aloud and type (account codes). */
const UNAMBIGUOUS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** Uniformly random characters from an alphabet (rejection sampling, no modulo bias). */
export function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of secureRandomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * The smallest id of a kind that can be generated at `at`: every id generated earlier sorts below it (the time part
 * is fixed-width and its alphabet is in ASCII order), so `id < idFloorAt(kind, t)` selects by creation time through
 * the primary key.
 */
export function idFloorAt(kind: IdKind, at: Date): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(at.getTime()).toLowerCase()}`;
}

export interface IdGenerator {
  id(kind: IdKind): string;
  accountCode(): string;
  consumerKey(): string;
}

export function createIdGenerator(now: () => Date = () => new Date()): IdGenerator {
  return {
    id: (kind) => `${ID_PREFIXES[kind]}_${(encodeTime(now().getTime()) + randomString(CROCKFORD, 16)).toLowerCase()}`,
    accountCode: () => randomString(UNAMBIGUOUS, 8),
    consumerKey: () => randomString(BASE62, 28),
  };
}
