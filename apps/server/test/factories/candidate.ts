import type { Environment } from '../../src/db/schema.ts';
import type { TestApp } from '../harness.ts';

export interface CandidateInput {
  accountId: string;
  environment: Environment;
  candidateId: string;
  firstName: string;
  lastName: string;
  country?: string | null;
}

/** Inserts a candidate straight into its table (names only, every other demographic blank); answers its internal key. */
export async function insertCandidate(t: TestApp, input: CandidateInput): Promise<string> {
  const id = t.ctx.ids.id('candidate');
  const now = t.clock.now().toISOString();
  await t.ctx.db
    .insertInto('candidate')
    .values({
      id,
      account_id: input.accountId,
      environment: input.environment,
      candidate_id: input.candidateId,
      first_name: input.firstName,
      last_name: input.lastName,
      middle_name: null,
      suffix: null,
      email: null,
      address1: null,
      address2: null,
      city: null,
      province_state: null,
      postal_code: null,
      country: input.country ?? null,
      home_phone: null,
      office_phone: null,
      school_code: null,
      special_accommodations: '[]',
      additional_attributes: '[]',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
