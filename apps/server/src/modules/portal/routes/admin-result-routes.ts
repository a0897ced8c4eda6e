import { Type } from 'typebox';
import type { AtlasConfig } from '../../../config.ts';
import type { AtlasApp } from '../../../platform/app-types.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError, PlatformErrors } from '../../../platform/errors.ts';
import { requireAccount } from '../../identity/account.service.ts';
import { actOnResult, getResultHistory, listResultsPage, scopeOfResult } from '../../results/results.service.ts';
import { adminPrincipalOf, sessionGuard } from '../portal-auth.ts';

const ListQuery = Type.Object({
  account: Type.String({ minLength: 1, maxLength: 20 }),
  environment: Type.Optional(Type.Union([Type.Literal('production'), Type.Literal('sandbox')])),
  state: Type.Optional(Type.Union(['scored', 'held', 'released', 'invalidated'].map((s) => Type.Literal(s)))),
});
const ResultParams = Type.Object({ resultId: Type.String({ maxLength: 100 }) });
const ActionParams = Type.Object({
  resultId: Type.String({ maxLength: 100 }),
  action: Type.Union(['release', 'hold', 'amend', 'invalidate'].map((a) => Type.Literal(a))),
});
const ActionBody = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  outcome: Type.Optional(Type.Union([Type.Literal('PASS'), Type.Literal('FAIL'), Type.Literal('NA')])),
});

/** Results actions for coordinators (release, hold, amend the outcome, invalidate), as `atlas admin result …`. */
export function adminResultRoutes(app: AtlasApp, ctx: ServiceContext, config: AtlasConfig): void {
  const guard = sessionGuard(ctx, config, 'admin');
  const hide = true;
  app.get('/admin/api/results', { schema: { hide, querystring: ListQuery }, onRequest: guard }, async (request) => {
    const account = await requireAccount(ctx.db, request.query.account);
    const scope = { accountId: account.id, environment: request.query.environment ?? 'production' };
    return listResultsPage(ctx, scope, { state: request.query.state as never, page_size: 100 });
  });
  app.get('/admin/api/results/:resultId', { schema: { hide, params: ResultParams }, onRequest: guard }, async (request) =>
    getResultHistory(ctx, await scopeOfResult(ctx, request.params.resultId), request.params.resultId),
  );
  app.post('/admin/api/results/:resultId/:action', { schema: { hide, params: ActionParams, body: ActionBody }, onRequest: guard }, async (request) => {
    const { resultId, action } = request.params;
    const scope = { ...(await scopeOfResult(ctx, resultId)), actor: adminPrincipalOf(request).actor };
    const { reason, outcome } = request.body;
    // As in the CLI: only a release may go without a reason (it ends up in the partner's notification and the history).
    if (action !== 'release' && !reason) {
      throw new AppError(PlatformErrors.VALIDATION_FAILED, `/body/reason is required to ${action} a result`, {
        errors: [{ pointer: '/body/reason', message: `is required to ${action} a result` }],
      });
    }
    const body = { ...(reason ? { reason } : {}), ...(action === 'amend' && outcome ? { outcome } : {}) };
    return (await actOnResult(ctx, scope, resultId, action as 'release' | 'hold' | 'amend' | 'invalidate', body)).body;
  });
}
