/** Scheduled-job leases (issue 9): one row per job name; whoever holds an unexpired lease runs the job's tick. */
export interface JobLeaseTable {
  name: string;
  /** The worker process that took the lease (`<hostname>:<pid>:<random>`), for operators reading the table. */
  holder: string;
  /** ISO-8601 UTC; the lease is free once this is in the past. */
  leased_until: string;
  /** When the holder last started the job (for `atlas` operators; no logic depends on it). */
  last_started_at: string;
}

export interface JobTables {
  job_lease: JobLeaseTable;
}
