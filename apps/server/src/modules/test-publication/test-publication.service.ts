import type { Executor } from '../../db/executor.ts';
import { isUniqueViolation } from '../../db/executor.ts';
import type { PartnerScope, ServiceContext } from '../../platform/context.ts';
import { AppError, PlatformErrors, type ValidationIssue } from '../../platform/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../platform/idempotency/idempotency.ts';
import { decodeCursor, pageOf } from '../../platform/paging.ts';
import { recordAudit } from '../identity/audit.ts';
import { TestPublicationErrors } from './test-publication.errors.ts';
import { canTransition, editModeOf, resolvePolicies, type TestAction, TRANSITIONS, validateDefinition } from './test-publication.policy.ts';
import * as repo from './test-publication.repository.ts';
import type { CreateTestInput, ReplaceTestInput, TestDefinitionInput, TestVersionView, TestView } from './test-publication.schemas.ts';
import { definitionColumns, sameDefinition, testVersionView, testView } from './test-publication.view.ts';

/** Whose tests (account + environment from the token) and who acts (for the audit log). */
export type TestCaller = PartnerScope;

function invalid(issues: ValidationIssue[]): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, issues.map((i) => `${i.pointer} ${i.message}`).join('; '), { errors: issues });
}

/** Resolves the policy defaults and checks the rules the schema cannot express; throws one 400 listing every problem. */
function checkedDefinition(input: TestDefinitionInput) {
  const policies = resolvePolicies(input.policies, input.price.amount);
  const issues = validateDefinition(input, policies);
  if (issues.length > 0) throw invalid(issues);
  return definitionColumns(input, policies);
}

/** The single sort key of a cursor this service returned, of the expected type (else the cursor is not ours). */
function cursorKey<T extends 'string' | 'number'>(cursor: string | undefined, type: T): (T extends 'string' ? string : number) | undefined {
  const key = decodeCursor(cursor, 1)?.[0];
  if (key === undefined) return undefined;
  if (typeof key !== type) throw invalid([{ pointer: '/query/cursor', message: 'invalid cursor' }]);
  return key as T extends 'string' ? string : number;
}

async function requireTest(db: Executor, scope: repo.TestScope, testCode: string) {
  const test = await repo.findTest(db, scope, testCode);
  // Another account's (or environment's) test answers exactly like an unknown one.
  if (!test) throw new AppError(TestPublicationErrors.TEST_PUBLICATION_TEST_NOT_FOUND, `no test has the code "${testCode}"`);
  return test;
}

function codeTaken(testCode: string): AppError {
  return new AppError(TestPublicationErrors.TEST_PUBLICATION_CODE_TAKEN, `a test with the code "${testCode}" already exists`);
}

export async function createTest(
  ctx: ServiceContext,
  caller: TestCaller,
  input: CreateTestInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<TestView>> {
  const { test_code: testCode, publish = true, ...definition } = input;
  const columns = checkedDefinition(definition);
  const scope = { accountId: caller.accountId, environment: caller.environment, operation: 'createTest', key: idempotencyKey, request: input };
  return runIdempotent(ctx, scope, async (trx) => {
    if (await repo.findTest(trx, caller, testCode)) throw codeTaken(testCode);
    const now = ctx.clock.now().toISOString();
    const id = ctx.ids.id('test');
    const state = publish ? 'published' : 'draft';
    try {
      await repo.insertTest(trx, {
        id,
        account_id: caller.accountId,
        environment: caller.environment,
        test_code: testCode,
        state,
        current_version: 1,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // A concurrent create of the same code committed first (the unique constraint decides).
      if (isUniqueViolation(error)) throw codeTaken(testCode);
      throw error;
    }
    await repo.insertTestVersion(trx, { test_id: id, version: 1, ...columns, created_at: now });
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: 'test.created',
      targetType: 'test',
      targetId: id,
      details: { test_code: testCode, environment: caller.environment, state, version: 1 },
    });
    return { status: 201, body: testView(await requireTest(trx, caller, testCode)) };
  });
}

export async function getTest(ctx: ServiceContext, scope: repo.TestScope, testCode: string): Promise<TestView> {
  return testView(await requireTest(ctx.db, scope, testCode));
}

export async function listTests(ctx: ServiceContext, scope: repo.TestScope, query: { state?: TestView['state']; page_size?: number; cursor?: string }) {
  const pageSize = query.page_size ?? 50;
  const rows = await repo.listTests(ctx.db, scope, { state: query.state, after: cursorKey(query.cursor, 'string'), limit: pageSize + 1 });
  return pageOf(rows, pageSize, (row) => [row.test_code], testView);
}

/** Replaces the definition: a draft in place, a published test as a new current version; a retired test never. */
export async function replaceTest(ctx: ServiceContext, caller: TestCaller, testCode: string, input: ReplaceTestInput): Promise<TestView> {
  const { test_code: bodyCode, ...definition } = input;
  if (bodyCode !== undefined && bodyCode !== testCode) {
    throw invalid([{ pointer: '/body/test_code', message: `must be the test_code of the path ("${testCode}") or be omitted: a test_code cannot change` }]);
  }
  const columns = checkedDefinition(definition);
  return ctx.db.transaction().execute(async (trx) => {
    const test = await requireTest(trx, caller, testCode);
    const mode = editModeOf(test.state);
    if (mode === 'refused') throw new AppError(TestPublicationErrors.TEST_PUBLICATION_TEST_RETIRED, `test "${testCode}" is retired and cannot change`);
    // PUT is idempotent: the same definition again changes nothing and makes no version.
    if (sameDefinition(test, columns)) return testView(test);
    const now = ctx.clock.now().toISOString();
    const concurrent = () => new AppError(TestPublicationErrors.TEST_PUBLICATION_CONCURRENT_CHANGE, `test "${testCode}" changed while this request ran`);
    let version = test.current_version;
    if (mode === 'in_place') {
      if (!(await repo.touchDraft(trx, test.id, now))) throw concurrent();
      await repo.overwriteTestVersion(trx, { test_id: test.id, version, ...columns, created_at: now });
    } else {
      if (!(await repo.advanceCurrentVersion(trx, test.id, version, now))) throw concurrent();
      version += 1;
      await repo.insertTestVersion(trx, { test_id: test.id, version, ...columns, created_at: now });
    }
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: 'test.updated',
      targetType: 'test',
      targetId: test.id,
      details: { test_code: testCode, environment: caller.environment, state: test.state, version, new_version: mode === 'new_version' },
    });
    return testView(await requireTest(trx, caller, testCode));
  });
}

const ACTION_WORDS: Record<TestAction, { audit: string; verb: string; allowed: string }> = {
  publish: { audit: 'test.published', verb: 'published', allowed: 'only a draft can be published' },
  retire: { audit: 'test.retired', verb: 'retired', allowed: 'only a draft or a published test can be retired (retired is final)' },
};

/** publish / retire: a guarded UPDATE on the state the transition table allows, so two racing requests move it once. */
export async function transitionTest(ctx: ServiceContext, caller: TestCaller, testCode: string, action: TestAction): Promise<TestView> {
  const words = ACTION_WORDS[action];
  return ctx.db.transaction().execute(async (trx) => {
    const test = await requireTest(trx, caller, testCode);
    const refused = (state: string) =>
      new AppError(TestPublicationErrors.TEST_PUBLICATION_INVALID_TRANSITION, `test "${testCode}" is ${state} and cannot be ${words.verb}: ${words.allowed}`);
    if (!canTransition(test.state, action)) throw refused(test.state);
    const transition = TRANSITIONS[action];
    if (!(await repo.transitionTestState(trx, test.id, { ...transition, at: ctx.clock.now().toISOString() }))) {
      throw refused((await requireTest(trx, caller, testCode)).state);
    }
    await recordAudit(trx, ctx, {
      actor: caller.actor,
      accountId: caller.accountId,
      action: words.audit,
      targetType: 'test',
      targetId: test.id,
      details: { test_code: testCode, environment: caller.environment, previous_state: test.state, state: transition.to, version: test.current_version },
    });
    return testView(await requireTest(trx, caller, testCode));
  });
}

export async function listTestVersions(ctx: ServiceContext, scope: repo.TestScope, testCode: string, query: { page_size?: number; cursor?: string }) {
  const test = await requireTest(ctx.db, scope, testCode);
  const pageSize = query.page_size ?? 50;
  const rows = await repo.listTestVersionsPage(ctx.db, test.id, { after: cursorKey(query.cursor, 'number'), limit: pageSize + 1 });
  return pageOf(
    rows,
    pageSize,
    (row) => [row.version],
    (row) => testVersionView(test.test_code, test.current_version, row),
  );
}

export async function getTestVersion(ctx: ServiceContext, scope: repo.TestScope, testCode: string, version: number): Promise<TestVersionView> {
  const test = await requireTest(ctx.db, scope, testCode);
  const row = await repo.findTestVersion(ctx.db, test.id, version);
  if (!row) throw new AppError(TestPublicationErrors.TEST_PUBLICATION_VERSION_NOT_FOUND, `test "${testCode}" has no version ${version}`);
  return testVersionView(test.test_code, test.current_version, row);
}
