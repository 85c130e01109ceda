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
  REPLACE_IN_PLACE: {
    message:
      'The new pair is already in the folder the registry uses ({{certDir}}): the pair it replaces is gone, so a failed replace could not be undone.',
    hint: 'Put the new pair in another folder and replace from there, or issue it from the CA.',
  },
  REPLACE_NO_OLD_PAIR: {
    message:
      'The certificate "{{name}}" serves now cannot be read, so a failed replace could not put it back.',
    hint: 'Check that the container and its certificate store are intact, or start the registry again with the new pair.',
  },
  REPLACE_SOURCE: {
    message:
      'Give one source for the new certificate: the folder with a pair already issued, or the CA to issue it from.',
    hint: 'Addresses, days and a passphrase go with the CA only.',
  },
  REPLACE_OUT_SERVICE_ONLY: {
    message:
      '{{field}} is for a Swarm service: a container writes its new pair into the folder it was started from.',
    hint: 'Leave it out for a container; its folder is updated (the old files kept as backups).',
  },
} as const

/** CLI-only hints for the codes above. */
export const jobsCliHints = {
  REPLACE_IN_PLACE:
    'Give --certs a folder other than the live one (registry-wizard cert issue --out NEW_DIR), or use --ca-dir: the new pair is then issued into a staging folder.',
  REPLACE_SOURCE:
    'Give exactly one of --certs DIR (a pair already issued) and --ca-dir DIR (issue a new one); --ip, --dns, --days, --passphrase-file and --out go with --ca-dir.',
  REPLACE_OUT_SERVICE_ONLY: 'Run it again without --out.',
} as const

/** GUI-only hints for the codes above. */
export const jobsGuiHints = {
  REPLACE_IN_PLACE:
    'Use Replace certificate in the Registry step: it issues the new pair into a staging folder.',
} as const

/** What `registry replace-cert` prints besides the job's step texts (`cli.jobs.replaceCert.*`). */
export const jobsCli = {
  replaceCert: {
    caDir: 'issue the new pair from the CA in this directory (instead of --certs)',
    ip: 'with --ca-dir: an IP address the new certificate names (repeatable; default: the names of the certificate in use)',
    dns: 'with --ca-dir: a DNS name the new certificate names (repeatable)',
    days: 'with --ca-dir: days the new certificate is valid',
    passphraseFile: "with --ca-dir: file holding the CA key's passphrase",
    certs:
      'directory with the new domain.crt, domain.key and the same ca.crt (not the folder the registry uses)',
    out: 'with --ca-dir on a Swarm service: also write the new pair into this directory once it is served (the old files kept as backups)',
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
    check: 'Checking the new certificate',
    swap: 'Putting the new certificate in place',
    health: 'Checking health',
    clients: 'Checking what clients with the previous CA only, and with both CAs, see',
  },
} as const

/** The window's texts for the registry's lifecycle actions (`gui.lifecycle.*`, default namespace there). */
export const jobsGui = {
  removedKeptIn: 'Container removed; the stored images were kept ({{data}}).',
} as const
