/**
 * Use cases of the eligibility service shared by v1 and v2: create and update. Each runs in one transaction that
 * writes the eligibility, its history row, the voucher links and the audit event together.
 */
import type { Executor } from '../../db/executor.ts';
import { isUniqueViolation } from '../../db/executor.ts';
import type { EligibilityState } from '../../db/tables/eligibility.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError, type ValidationIssue } from '../../platform/errors.ts';
import { randomString } from '../../platform/ids.ts';
import { recordAudit } from '../identity/audit.ts';
import { findTest } from '../test-publication/test-publication.repository.ts';
import { listEligibilityVoucherCodes, replaceEligibilityVouchers } from '../vouchers/voucher-links.ts';
import { EligibilityErrors } from './eligibility.errors.ts';
import {
  allowedAccommodationsOf,
  changeWindow,
  immutableFieldIssues,
  isActiveState,
  provinceStateIssue,
  resolveWindow,
  retakeRuleOf,
  stateForWindow,
  todayUtc,
} from './eligibility.policy.ts';
import {
  type Demographics,
  type EligibilityRecord,
  type EligibilityScope,
  findEligibilityByCode,
  insertEligibility,
  insertTransition,
  updateCandidate,
  updateEligibilityFields,
  upsertCandidate,
} from './eligibility.repository.ts';
import type { EligibilityPatchBody, EligibilityWriteBody } from './eligibility.schemas.ts';

export type EligibilityActorScope = PartnerScope;

/**
 * An eligibility with the vouchers reserved for it: what both API versions render. Vouchers are linked by the public
 * eligibility code (what a voucher's `reserved_for.id` shows partners), never by the internal key.
 */
export interface EligibilityResult {
  record: EligibilityRecord;
  voucherCodes: string[];
  today: string;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** The public code: `E` + 15 unambiguous characters (~74 random bits): unguessable, easy to read aloud. */
export function newEligibilityCode(): string {
  return `E${randomString(CODE_ALPHABET, 15)}`;
}

const unique = (values: readonly string[] | null | undefined) => [...new Set(values ?? [])];

function invalid(issues: ValidationIssue[]): AppError {
  return new AppError(EligibilityErrors.ELIGIBILITY_INVALID_INPUT, issues.map((i) => `${i.pointer} ${i.message}`).join('; '), { errors: issues });
}

type CandidateInput = Partial<EligibilityWriteBody['candidate']>;

/** Demographics from a write body: `replace` (PUT/E8: what is absent is cleared) or `merge` onto the current ones. */
function demographicsOf(input: CandidateInput, current?: Demographics): Demographics {
  const pick = <K extends keyof Demographics & keyof CandidateInput>(key: K): string | null => {
    const value = input[key];
    if (value === undefined) return current ? (current[key] as string | null) : null;
    return (value as string | null) ?? null;
  };
  const country = pick('country');
  const province = pick('province_state');
  return {
    first_name: input.first_name ?? current?.first_name ?? '',
    last_name: input.last_name ?? current?.last_name ?? '',
    middle_name: pick('middle_name'),
    suffix: pick('suffix'),
    email: pick('email'),
    address1: pick('address1'),
    address2: pick('address2'),
    city: pick('city'),
    province_state: country === 'US' && province ? province.toUpperCase() : province,
    postal_code: pick('postal_code'),
    country,
    home_phone: pick('home_phone'),
    office_phone: pick('office_phone'),
    school_code: pick('school_code'),
    special_accommodations:
      input.special_accommodations !== undefined ? JSON.stringify(unique(input.special_accommodations)) : (current?.special_accommodations ?? '[]'),
    additional_attributes:
      input.additional_attributes !== undefined ? JSON.stringify(input.additional_attributes ?? []) : (current?.additional_attributes ?? '[]'),
  };
}

function demographicIssues(d: Demographics): ValidationIssue[] {
  const problem = provinceStateIssue(d.country, d.province_state);
  return problem ? [{ pointer: '/body/candidate/province_state', message: problem }] : [];
}

export async function readEligibility(db: Executor, ctx: ServiceContext, scope: EligibilityScope, code: string): Promise<EligibilityResult> {
  const record = await findEligibilityByCode(db, scope, code);
  if (!record) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_FOUND, `no eligibility has the code "${code}"`);
  return { record, voucherCodes: await listEligibilityVoucherCodes(db, scope, record.code), today: todayUtc(ctx.clock.now()) };
}

/** Creates the candidate (or refreshes their demographics) and a new eligibility for a published test. */
export async function createEligibility(
  trx: Executor,
  ctx: ServiceContext,
  scope: EligibilityActorScope,
  input: EligibilityWriteBody,
): Promise<EligibilityResult> {
  const now = ctx.clock.now();
  const today = todayUtc(now);
  const test = await findTest(trx, scope, input.test_code);
  if (!test) throw new AppError(EligibilityErrors.ELIGIBILITY_TEST_NOT_FOUND, `no test has the code "${input.test_code}" in ${scope.environment}`);
  if (test.state !== 'published') {
    throw new AppError(
      EligibilityErrors.ELIGIBILITY_TEST_NOT_PUBLISHED,
      `test "${input.test_code}" is ${test.state}; only published tests take new eligibilities`,
    );
  }
  const policies = JSON.parse(test.policies) as unknown;
  const testPortions = (JSON.parse(test.portions) as { portion_code: string }[]).map((p) => p.portion_code);
  const demographics = demographicsOf(input.candidate);
  const accommodations = unique(input.candidate.special_accommodations);
  const portionCodes = input.portion_codes ? unique(input.portion_codes) : testPortions;

  const issues = demographicIssues(demographics);
  const window = resolveWindow(input, today);
  if ('issues' in window) issues.push(...window.issues);
  const allowed = allowedAccommodationsOf(policies);
  const refused = allowed ? accommodations.filter((a) => !allowed.includes(a)) : [];
  if (refused.length > 0) {
    issues.push({
      pointer: '/body/candidate/special_accommodations',
      message: `${refused.join(', ')} not allowed for this test (allowed: ${allowed?.join(', ') || 'none'})`,
    });
  }
  const unknownPortions = portionCodes.filter((p) => !testPortions.includes(p));
  if (unknownPortions.length > 0) {
    issues.push({ pointer: '/body/portion_codes', message: `${unknownPortions.join(', ')} not a portion of the test (portions: ${testPortions.join(', ')})` });
  }
  if (issues.length > 0 || 'issues' in window) throw invalid(issues);

  const at = now.toISOString();
  const candidate = await upsertCandidate(trx, {
    id: ctx.ids.id('candidate'),
    account_id: scope.accountId,
    environment: scope.environment,
    candidate_id: input.candidate.candidate_id,
    ...demographics,
    created_at: at,
    updated_at: at,
  });
  const rule = retakeRuleOf(policies);
  const state = stateForWindow(window.start, today);
  const id = ctx.ids.id('eligibility');
  const code = newEligibilityCode();
  try {
    await insertEligibility(trx, {
      id,
      code,
      account_id: scope.accountId,
      environment: scope.environment,
      candidate_ref: candidate.id,
      test_id: test.id,
      test_code: test.test_code,
      test_version: test.current_version,
      client_eligibility_id: input.client_eligibility_id ?? null,
      state,
      previous_state: null,
      state_reason: 'created',
      schedule_start_date: window.start,
      eligibility_end_date: window.end,
      attempts_allowed: rule.maxAttempts,
      attempts_used: 0,
      retake_waiting_days: rule.waitingDays,
      last_attempt_on: null,
      accommodations: JSON.stringify(accommodations),
      portion_codes: JSON.stringify(portionCodes),
      registration_mode: input.registration_mode ?? null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
  } catch (error) {
    // The partial unique index eligibility_one_active: the database, not a prior read, decides under concurrency.
    if (isUniqueViolation(error)) {
      throw new AppError(
        EligibilityErrors.ELIGIBILITY_ALREADY_ACTIVE,
        `candidate "${input.candidate.candidate_id}" already has an active eligibility for test "${test.test_code}"`,
      );
    }
    throw error;
  }
  await insertTransition(trx, { eligibility_id: id, version: 1, previous_state: null, state, reason: 'created', actor: scope.actor, at });
  if (input.voucher_codes && input.voucher_codes.length > 0) {
    await replaceEligibilityVouchers(trx, ctx, scope, code, test.test_code, unique(input.voucher_codes));
  }
  await recordAudit(trx, ctx, {
    actor: scope.actor,
    accountId: scope.accountId,
    action: 'eligibility.created',
    targetType: 'eligibility',
    targetId: code,
    details: { environment: scope.environment, test_code: test.test_code, state, vouchers: input.voucher_codes?.length ?? 0 },
  });
  return readEligibility(trx, ctx, scope, code);
}

/** What an update asks for; `mode: 'replace'` (E8 / v2 PUT) clears absent demographics, `merge` (v2 PATCH) keeps them. */
export interface EligibilityChange {
  mode: 'replace' | 'merge';
  body: EligibilityPatchBody & { voucher_codes?: string[] | null };
}

/** E8 rules: demographics and the window may change; the test, accommodations, portions and ids may not. */
export async function updateEligibility(
  ctx: ServiceContext,
  scope: EligibilityActorScope,
  code: string,
  change: EligibilityChange,
): Promise<EligibilityResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const { record } = await readEligibility(trx, ctx, scope, code);
    if (!isActiveState(record.state)) throw new AppError(EligibilityErrors.ELIGIBILITY_NOT_ACTIVE, `eligibility ${code} is ${record.state}`);
    const body = change.body;
    const fixed = immutableFieldIssues(
      {
        test_code: record.test_code,
        candidate_id: record.candidate_id,
        client_eligibility_id: record.client_eligibility_id,
        accommodations: JSON.parse(record.accommodations),
        portion_codes: JSON.parse(record.portion_codes),
      },
      {
        test_code: body.test_code,
        candidate_id: body.candidate?.candidate_id,
        client_eligibility_id: body.client_eligibility_id,
        accommodations: body.candidate?.special_accommodations ?? undefined,
        portion_codes: body.portion_codes ?? undefined,
      },
    );
    if (fixed.length > 0) {
      throw new AppError(EligibilityErrors.ELIGIBILITY_FIELD_IMMUTABLE, fixed.map((i) => i.message).join('; '), { errors: fixed });
    }
    const now = ctx.clock.now();
    const today = todayUtc(now);
    const current: Demographics = { ...record, special_accommodations: record.special_accommodations };
    const candidateInput: CandidateInput = { ...(body.candidate ?? {}) };
    // The accommodations are the eligibility's; the candidate's last-sent list is not rewritten by an update.
    delete candidateInput.special_accommodations;
    const demographics = demographicsOf(candidateInput, change.mode === 'merge' || !body.candidate ? current : { ...current, ...blankDemographics });
    const issues = demographicIssues(demographics);
    const window = changeWindow({ start: record.schedule_start_date, end: record.eligibility_end_date }, body, today);
    issues.push(...window.issues);
    if (issues.length > 0) throw invalid(issues);

    const at = now.toISOString();
    if (body.candidate)
      await updateCandidate(trx, record.candidate_ref, { ...demographics, special_accommodations: record.special_accommodations, updated_at: at });
    const stateNow: EligibilityState = record.state === 'pending' || record.state === 'open' ? stateForWindow(window.start, today) : record.state;
    const updated = await updateEligibilityFields(trx, record.id, record.version, {
      schedule_start_date: window.start,
      eligibility_end_date: window.end,
      registration_mode: body.registration_mode !== undefined ? (body.registration_mode ?? null) : record.registration_mode,
      updated_at: at,
      ...(stateNow !== record.state ? { state: stateNow, previous_state: record.state, state_reason: 'window_changed' } : {}),
    });
    if (!updated) throw new AppError(EligibilityErrors.ELIGIBILITY_CHANGED_CONCURRENTLY, `eligibility ${code} changed while this update ran; read it again`);
    if (stateNow !== record.state) {
      await insertTransition(trx, {
        eligibility_id: record.id,
        version: record.version + 1,
        previous_state: record.state,
        state: stateNow,
        reason: 'window_changed',
        actor: scope.actor,
        at,
      });
    }
    if (body.voucher_codes != null) await replaceEligibilityVouchers(trx, ctx, scope, record.code, record.test_code, unique(body.voucher_codes));
    await recordAudit(trx, ctx, {
      actor: scope.actor,
      accountId: scope.accountId,
      action: 'eligibility.updated',
      targetType: 'eligibility',
      targetId: code,
      // Field names only: the values are candidate data.
      details: { environment: scope.environment, fields: changedFields(body), state: stateNow },
    });
    return readEligibility(trx, ctx, scope, code);
  });
}

const blankDemographics = {
  middle_name: null,
  suffix: null,
  email: null,
  address1: null,
  address2: null,
  city: null,
  province_state: null,
  postal_code: null,
  country: null,
  home_phone: null,
  office_phone: null,
  school_code: null,
  additional_attributes: '[]',
} satisfies Partial<Demographics>;

function changedFields(body: EligibilityChange['body']): string[] {
  const top = Object.keys(body).filter((k) => k !== 'candidate' && (body as Record<string, unknown>)[k] !== undefined);
  const candidate = Object.keys(body.candidate ?? {}).map((k) => `candidate.${k}`);
  return [...top, ...candidate].sort();
}
