// Jobs (main/jobs: the runner, its rollback) and the workflows built on it (main/lifecycle).

/** Error codes of the job runner and of the IPC job registry. */
export const jobsErrors = {
  JOB_RUNNING: {
    message: 'The job {{jobId}} is already running.',
    hint: 'Wait for it to finish, or cancel it, before starting it again.',
  },
  JOB_ROLLBACK_FAILED: {
    message: 'The job failed ({{failure}}), and undoing the step "{{step}}" failed too: {{reason}}',
    hint: 'Check that step by hand: what it changed may still be in place.',
  },
} as const

/** Step texts the runner reports (`progress.<kind>.<step>`), shown next to the progress bar. */
export const jobsProgress = {
  jobs: {
    done: 'Done',
    rollback: 'Undoing the steps done so far',
  },
  replaceCert: {
    prepare: 'Reading the certificate in use',
    issue: 'Issuing the new certificate',
    swap: 'Putting the new certificate in place',
    health: 'Checking health',
  },
} as const
