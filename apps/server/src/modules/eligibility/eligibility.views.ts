/** Turns stored rows into the v1 read model and the v2 resource. Pure: "today" and the voucher codes come in. */
import { assessScheduling } from './eligibility.policy.ts';
import type { EligibilityRecord } from './eligibility.repository.ts';

const parseList = <T>(json: string): T[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? (value as T[]) : [];
};

export function candidateView(record: EligibilityRecord) {
  return {
    candidate_id: record.candidate_id,
    first_name: record.first_name,
    last_name: record.last_name,
    middle_name: record.middle_name,
    suffix: record.suffix,
    email: record.email,
    address1: record.address1,
    address2: record.address2,
    city: record.city,
    province_state: record.province_state,
    postal_code: record.postal_code,
    country: record.country,
    home_phone: record.home_phone,
    office_phone: record.office_phone,
    school_code: record.school_code,
    // Accommodations belong to the eligibility (fixed at creation), so the candidate shows the ones granted here.
    special_accommodations: parseList<string>(record.accommodations),
    additional_attributes: parseList<{ key: string; value: string | null }>(record.additional_attributes),
  };
}

export function schedulingOf(record: EligibilityRecord, today: string) {
  return assessScheduling({
    state: record.state,
    today,
    scheduleStartDate: record.schedule_start_date,
    eligibilityEndDate: record.eligibility_end_date,
    attemptsAllowed: record.attempts_allowed,
    attemptsUsed: record.attempts_used,
    lastAttemptOn: record.last_attempt_on,
    retakeWaitingDays: record.retake_waiting_days,
  });
}

/** PSI's "Existing Eligiblity Model": no registration_mode, no voucher_codes. */
export function psiReadModel(record: EligibilityRecord, today: string) {
  const scheduling = schedulingOf(record, today);
  return {
    candidate: candidateView(record),
    client_eligibility_id: record.client_eligibility_id,
    created_datetime: record.created_at,
    eligibility_end_date: record.eligibility_end_date,
    eligibility_status_message: scheduling.message,
    eligible_to_schedule: scheduling.eligible,
    portion_codes: parseList<string>(record.portion_codes),
    psi_eligiblity_id: record.code,
    schedule_start_date: record.schedule_start_date,
    status: record.state,
    test_code: record.test_code,
  };
}

export function eligibilityView(record: EligibilityRecord, voucherCodes: string[], today: string) {
  const scheduling = schedulingOf(record, today);
  return {
    eligibility_code: record.code,
    state: record.state,
    eligible_to_schedule: scheduling.eligible,
    eligibility_status_message: scheduling.message,
    attempts: { allowed: record.attempts_allowed, used: record.attempts_used },
    window: { starts_on: record.schedule_start_date, ends_on: record.eligibility_end_date },
    candidate: candidateView(record),
    test_code: record.test_code,
    test_version: record.test_version,
    portion_codes: parseList<string>(record.portion_codes),
    accommodations: parseList<string>(record.accommodations),
    voucher_codes: voucherCodes,
    client_eligibility_id: record.client_eligibility_id,
    registration_mode: record.registration_mode,
    version: record.version,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}
