// Errors and words every part of the app uses. Each area keeps its own section file beside this one (pki.ts,
// docker.ts, trust.ts, verify.ts, ...); index.ts assembles them into the one English catalogue.

/** Error codes and their texts. `message` says what was wrong; `hint` what to do (front-end neutral: no flags). */
export const commonErrors = {
  INVALID_INPUT: {
    message: '{{field}}: {{value}} is not valid; {{allowed}}',
    hint: 'Correct {{field}} and try again. Nothing was changed.',
  },
  UNEXPECTED: {
    message: '{{detail}}',
    hint: 'See the log file for details.',
  },
  CANCELLED: {
    message: 'The operation was cancelled.',
    hint: 'Nothing is left half-done; start it again when you are ready.',
  },
} as const

/** Words the CLI prints around messages (`error: ...`, `hint: ...`). */
export const commonCli = {
  program: {
    description: 'Private Docker registry with TLS: certificates, registry, client trust, verification.',
    lang: 'language of every message: en or zh-CN (default: from LC_ALL, LC_MESSAGES, LANG)',
    version: 'output the version number',
    help: 'display help for command',
    helpCommand: 'display help for command',
    helpAfterError: '(run with --help for usage)',
  },
  help: {
    usage: 'Usage:',
    options: 'Options:',
    globalOptions: 'Global Options:',
    commands: 'Commands:',
    arguments: 'Arguments:',
  },
  parse: {
    unknownOption: "unknown option '{{option}}'",
    unknownCommand: "unknown command '{{command}}'",
    requiredOption: "required option '{{option}}' not specified",
    missingArgument: "missing required argument '{{argument}}'",
    optionArgumentMissing: "option '{{option}}' argument missing",
    optionArgumentInvalid: "option '{{option}}' argument '{{value}}' is invalid",
    tooManyArguments: 'too many arguments',
    didYouMean: '(Did you mean {{suggestion}}?)',
  },
  label: {
    error: 'error',
    hint: 'hint',
    why: 'why',
    fix: 'fix ({{step}})',
    note: 'note',
    warning: 'warning',
  },
} as const

/** CLI-only hints, by error code: the same fix as `error.CODE.hint`, named with the CLI's flags and commands. */
export const commonCliHints = {
  UNEXPECTED: 'Run again; if it keeps failing, report the message above.',
} as const

/** GUI-only hints, by error code: the same fix, named with the app's steps and controls. */
export const commonGuiHints = {
  UNEXPECTED: 'See the log file for details (Help > Open log folder).',
} as const
