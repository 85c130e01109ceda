// The plan file (main/plan: schema, load with key + line, save) and `setup`, which runs it as one job.

/** Error codes of the plan file and of setup. */
export const planErrors = {
  PLAN_INVALID: {
    message: '{{file}}:{{line}}: {{key}}: {{problem}}{{more}}',
    hint: 'Correct that key in the plan file; nothing was changed. The plan file format lists every key.',
  },
  PLAN_SYNTAX: {
    message: '{{file}}:{{line}}: this is not valid YAML: {{detail}}',
    hint: 'Fix the YAML at that line (indentation, a missing colon, an unclosed quote or bracket); nothing was changed.',
  },
  PLAN_DATA_REMOTE: {
    message:
      'registry.data: "{{data}}" is a relative folder, but the engine is on another machine: there it would mean nothing.',
    hint: 'Give registry.data as an absolute path on the engine host, or use registry.volume.',
  },
  SETUP_CA_MISMATCH: {
    message:
      'The CA in {{dir}} is not the one the plan describes: it is {{found}}, the plan asks for {{wanted}}. It was left as it is.',
    hint: 'Point ca.dir at another folder, or correct the plan to match this CA; a CA is never replaced by setup.',
  },
  SETUP_TRUST_NEEDS_ROOT: {
    message: "Installing this machine's trust under {{root}} needs root, and this run is not root.",
    hint: 'Run setup as root, or set trust.root to a folder (an image being built, a test root), or leave trust out of the plan.',
  },
  SETUP_VERIFY_FAILED: {
    message: 'Verifying {{registry}} failed: {{failed}}',
    hint: 'Each failed check says what to fix; run setup again when it is fixed (what is already in place is kept).',
  },
  PLAN_FILE_UNKNOWN: {
    message: 'No plan file with the id {{id}} was opened or saved in this window.',
    hint: 'Open the plan file again, or save it under a name.',
  },
} as const

/** CLI-only hints for the codes above. */
export const planCliHints = {
  PLAN_INVALID:
    'Correct that key in the plan file and run registry-wizard setup --plan FILE again; README "Plan file" lists every key.',
  SETUP_CA_MISMATCH:
    'Point ca.dir at another folder, or correct the plan to match this CA (registry-wizard cert inspect DIR/ca.crt shows it).',
  SETUP_TRUST_NEEDS_ROOT:
    'Run it as root (sudo registry-wizard setup --plan FILE), or set trust.root, or leave trust out of the plan; registry-wizard setup --plan FILE --dry-run shows what it would install.',
} as const

/** GUI-only hints for the codes above. */
export const planGuiHints = {
  PLAN_INVALID: 'Correct that key in the plan file in an editor, then open it again with File > Open Plan.',
  PLAN_SYNTAX: 'Fix the YAML at that line in an editor, then open it again with File > Open Plan.',
  PLAN_FILE_UNKNOWN: 'Use File > Open Plan, or File > Save Plan to choose a file.',
} as const

/** The domain's words: what is wrong with a key, what a step found or did, why a step makes something anew. */
export const planTexts = {
  problemLine: '{{file}}:{{line}}: {{key}}: {{problem}}',
  more: ' (and: {{problems}})',
  problem: {
    unknownKey: 'unknown key (the plan file format lists every key)',
    required: 'required key missing',
    type: 'must be {{expected}}',
    oneOf: 'must be one of {{values}}',
    tooSmall: 'needs at least {{limit}}',
    tooBig: 'allows at most {{limit}}',
    invalid: 'not a valid value',
    allowed: 'must be {{allowed}}',
    path: "must be a file or folder path (a relative path starts at the plan file's folder)",
    number: 'must be a whole number in its range',
    keyType: 'must be one of ecdsa-p256, rsa-2048, rsa-3072, rsa-4096',
    name: 'must be a name of letters, digits, _ . - starting with a letter or digit',
    engineHost: 'must be local, ssh://user@host or tcp://host:port',
    fingerprint: 'must be SHA256:... as ssh-keygen -lf prints it',
    boolean: 'must be true or false',
    addresses: 'must be a list of at least one IP address or DNS name',
    users: 'must be a list of entries with name and passwordFile',
    text: 'must be a text that is not empty',
    country: 'must be a two-letter country code',
    version: 'must be 1 (the plan format this version reads)',
    caSource: 'needs exactly one of create and import',
    storage: 'give data (a host folder) or volume (a named volume), not both',
    tlsTcp: 'tls goes with a tcp:// engine only',
    sshSsh: 'ssh goes with an ssh:// engine only',
    verifyUser: 'must name one of registry.users',
    target: 'must be one of docker, podman, containerd, os',
    notMapping: 'the file must be a YAML mapping (key: value lines), starting with version: 1',
  },
  type: {
    string: 'a text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping (key: value)',
  },
  push: {
    yes: 'with the push/pull round trip',
    no: 'without the round trip',
  },
  pending: '; to run inside that system: {{commands}}',
  verifyLine: '{{n}}. {{status}} {{title}}: {{reason}}',
  roundTripHolds:
    '; the push/pull round trip of {{at}} still holds (same container, certificate and CA; delete {{file}} to redo it)',
  reason: {
    missing: 'no pair there yet',
    newCa: 'the CA is new',
    unreadable: 'the pair there cannot be read',
    otherCa: 'it comes from another CA',
    keyMismatch: 'its key does not belong to it',
    expiresSoon: 'it expires in {{days}} days',
    addressMissing: 'it does not name {{address}}',
    keyType: 'its key is {{found}}, the plan says {{wanted}}',
    port: 'it publishes port {{found}}, the plan says {{wanted}}',
    image: 'it runs {{found}}, the plan says {{wanted}}',
    storage: 'it uses other storage',
    auth: 'its logins are not as planned',
    users: 'a planned user cannot log in',
    delete: 'its delete setting is not as planned',
    cert: 'it serves another certificate',
    stopped: 'it was stopped',
  },
  outcome: {
    ca: {
      kept: 'the CA in {{dir}} is the planned one ({{ca}})',
      created: 'CA made in {{dir}} ({{ca}})',
      wouldCreate: 'would make the CA in {{dir}} ({{ca}})',
    },
    certificate: {
      kept: 'the pair in {{dir}} comes from this CA and names {{addresses}}',
      created: 'issued a pair in {{dir}} for {{addresses}}',
      changed: 'issued a new pair in {{dir}} for {{addresses}} ({{reason}}; the old one kept as backups)',
      wouldCreate: 'would issue a pair in {{dir}} for {{addresses}}',
      wouldChange: 'would issue a new pair in {{dir}} for {{addresses}} ({{reason}})',
    },
    registry: {
      kept: '{{name}} runs as planned at {{url}}',
      created: 'started {{name}} at {{url}} (engine {{engine}}), healthy',
      changed: 'replaced {{name}} at {{url}} ({{reasons}}), healthy',
      wouldCreate: 'would start {{name}} ({{image}}) at {{url}} on the engine {{engine}}',
      wouldChange: 'would replace or start {{name}} at {{url}} ({{reasons}})',
    },
    trust: {
      kept: 'this machine already trusts the CA for the registry (under {{root}})',
      changed: 'installed trust under {{root}}: {{steps}}{{pending}}',
      wouldChange: 'would install trust under {{root}}: {{steps}}',
      skipped: 'not in the plan',
    },
    bundle: {
      kept: 'the bundle {{dir}} is identical',
      created: 'wrote the bundle {{dir}}',
      changed: 'wrote the bundle {{dir}} afresh (it differed)',
      wouldCreate: 'would write the bundle {{dir}}',
      wouldChange: 'would write the bundle {{dir}} afresh (it differs)',
      skipped: 'not in the plan',
    },
    verify: {
      checked: '{{registry}}: {{pass}} passed, {{warn}} warnings, {{skipped}} skipped{{roundTrip}}',
      wouldCheck: 'would verify {{registry}} ({{push}})',
    },
  },
} as const

/** The job's step texts (`progress.setup.<step>`), as the progress bar and the CLI show them. */
export const planProgress = {
  setup: {
    ca: 'Certificate authority',
    certificate: 'Server certificate',
    registry: 'Registry',
    trust: "This machine's trust",
    bundle: 'Trust bundle',
    verify: 'Verify',
  },
} as const

/** What `registry-wizard setup` prints (`cli.plan.*`). */
export const planCli = {
  description:
    'Set up everything a plan file describes, in order: CA, server certificate, registry, trust, bundle, verify (a second run keeps what is in place)',
  option: {
    plan: 'the plan file (YAML; README "Plan file")',
    dryRun: 'show what would be created, started and written; change nothing',
    json: 'print the outcome as JSON',
  },
  header: 'Setup from {{file}} (engine {{engine}})',
  headerDry: 'Dry run of {{file}} (engine {{engine}}): nothing is changed',
  step: '[{{n}}/{{total}}] {{step}}',
  outcome: '  {{status}}: {{detail}}',
  detail: '    {{text}}',
  status: {
    kept: 'kept',
    created: 'created',
    changed: 'changed',
    skipped: 'skipped',
    checked: 'checked',
    wouldCreate: 'would create',
    wouldChange: 'would change',
    wouldCheck: 'would check',
  },
  stopped:
    'setup stopped at step {{n}}/{{total}} ({{step}}); the steps before it are in place and a next run keeps them.',
  summary: {
    unchanged: 'Nothing changed: every step was already as planned.',
    done: 'Done: {{changed}} of {{total}} steps made or changed something, the rest were kept.',
    dry: 'Dry run: nothing was changed.',
  },
  url: 'Registry: {{url}}',
} as const
