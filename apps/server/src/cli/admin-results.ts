import type { ResultAction } from '../modules/results/results.policy.ts';
import { type ActionBody, actOnResult, getResultHistory, scopeOfResult } from '../modules/results/results.service.ts';
import type { Actor, ServiceContext } from '../platform/context.ts';
import { parseOptions, required, UsageError } from './args.ts';

type Handler = (ctx: ServiceContext, argv: string[], actor: Actor) => Promise<unknown>;

const OUTCOMES = ['PASS', 'FAIL', 'NA'] as const;

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`${flag} must be a number, got "${value}"`);
  return parsed;
}

/** The amendment fields a coordinator can give; only those present change. */
function amendment(values: Record<string, string | boolean | undefined>): ActionBody {
  const outcome = values.outcome as string | undefined;
  if (outcome !== undefined && !(OUTCOMES as readonly string[]).includes(outcome)) throw new UsageError('--outcome takes PASS, FAIL or NA');
  const overall = {
    ...(values.score !== undefined ? { raw: values.score as string } : {}),
    ...(values.scaled !== undefined ? { scaled: numberOption(values.scaled as string, '--scaled') } : {}),
    ...(values.percent !== undefined ? { percent: numberOption(values.percent as string, '--percent') } : {}),
    ...(values.label !== undefined ? { label: values.label as string } : {}),
  };
  return { ...(outcome ? { outcome: outcome as (typeof OUTCOMES)[number] } : {}), ...(Object.keys(overall).length > 0 ? { overall } : {}) };
}

function action(name: ResultAction): Handler {
  return async (ctx, argv, actor) => {
    const { values, positionals } = parseOptions(argv, {
      reason: { type: 'string' },
      outcome: { type: 'string' },
      score: { type: 'string' },
      scaled: { type: 'string' },
      percent: { type: 'string' },
      label: { type: 'string' },
    });
    const resultId = required(positionals[0], 'the result id (res_…)');
    const reason = name === 'release' ? values.reason : required(values.reason, '--reason');
    const body: ActionBody = { ...(reason ? { reason } : {}), ...(name === 'amend' ? amendment(values) : {}) };
    const scope = { ...(await scopeOfResult(ctx, resultId)), actor };
    return (await actOnResult(ctx, scope, resultId, name, body)).body;
  };
}

/** `admin result …` for coordinators: release, hold, amend, invalidate a result of any account; show its history. */
export const resultCommands: Record<string, Handler> = {
  'result release': action('release'),
  'result hold': action('hold'),
  'result amend': action('amend'),
  'result invalidate': action('invalidate'),
  'result history': async (ctx, argv) => {
    const { positionals } = parseOptions(argv, {});
    const resultId = required(positionals[0], 'the result id (res_…)');
    return getResultHistory(ctx, await scopeOfResult(ctx, resultId), resultId);
  },
};
