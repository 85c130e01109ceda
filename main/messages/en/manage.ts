// Day 2 (main/manage, CLI catalog/delete/prune and registry gc|usage|enable-delete): browse, delete, retention,
// garbage collection, storage usage.

export const manageErrors = {
  MANAGE_DELETE_DISABLED: {
    message:
      'The registry at {{registry}} does not allow deleting (405): nothing was deleted from {{repository}}.',
    hint: 'Switch deleting on for this registry (its container is re-created with REGISTRY_STORAGE_DELETE_ENABLED=true; storage, certificates and logins stay), then delete again.',
  },
  MANAGE_NOT_FOUND: {
    message: '{{reference}} is not in the registry: nothing was deleted.',
    hint: 'Check the repository, the tag or digest; the catalog lists what the registry holds.',
  },
  MANAGE_REFERENCE_INVALID: {
    message: '{{field}}: {{value}} is not HOST:PORT/REPOSITORY:TAG nor HOST:PORT/REPOSITORY@sha256:<digest>.',
    hint: 'Write the registry address with its port, the repository in lower case, then :TAG or @sha256:<64 hex digits>.',
  },
  MANAGE_NOT_ANSWERING: {
    message: 'The registry "{{name}}" does not answer at {{address}} after being re-created: {{reason}}',
    hint: 'The container as it was has been put back. Check the registry log.',
  },
  MANAGE_RECREATE_DIFFERS: {
    message:
      'The re-created registry "{{name}}" does not mount the same storage, certificates or port as before.',
    hint: 'The container as it was has been put back; nothing stored was changed.',
  },
  MANAGE_NOT_RUNNING: {
    message: 'The registry "{{name}}" is not running.',
    hint: 'Start it first: garbage collection runs inside the running container.',
  },
  MANAGE_GC_FAILED: {
    message: 'Garbage collection in "{{name}}" failed (exit code {{exitCode}}):\n{{output}}',
    hint: 'The registry is back in normal mode. Check the output above and the registry log.',
  },
  MANAGE_RULES_MISSING: {
    message: '{{field}}: no retention rule was given ({{value}}); allowed: {{allowed}}.',
    hint: 'Say how many images to keep per repository, or how old an image must be to go, or both.',
  },
  MANAGE_CONFIRM_REQUIRED: {
    message: '{{field}}: this run deletes from the registry and there is no terminal to ask on.',
    hint: 'Confirm the run explicitly, or try it as a dry run first.',
  },
  MANAGE_NOT_CONFIRMED: {
    message: 'Not confirmed: nothing was deleted.',
    hint: 'Answer y to go ahead.',
  },
} as const

export const manageCliHints = {
  MANAGE_DELETE_DISABLED:
    'Run registry-wizard registry enable-delete --name <container> on the engine that runs the registry (storage, certificates and logins stay), then delete again.',
  MANAGE_REFERENCE_INVALID: 'Example: registry-wizard delete 10.0.0.5:5000/team/app:1.2 --ca ca.crt',
  MANAGE_RULES_MISSING:
    'Give --keep-last N, --older-than DAYS, or both (with --protect GLOB for tags to keep).',
  MANAGE_CONFIRM_REQUIRED: 'Add --yes to go ahead without a terminal, or run it with --dry-run first.',
  MANAGE_NOT_RUNNING: 'Start it with registry-wizard registry start (or docker start <container>).',
} as const

export const manageGuiHints = {
  MANAGE_DELETE_DISABLED: 'Use Switch deleting on in Registry contents, then delete again.',
} as const

/** The domain's words (`manage.*`): engine actions, warnings, what rules allow. */
export const manageTexts = {
  action: {
    exec: 'Running "{{command}}" in {{name}}',
    readStorage: 'Reading {{path}} in {{name}}',
    renameContainer: 'Renaming container {{name}}',
  },
  warning: {
    deleteUntagged:
      'Deleting untagged manifests also deletes the platform manifests of multi-platform images (they carry no tag of their own): such images can no longer be pulled afterwards.',
  },
  allowed: {
    rules: 'keep the last N, older than D days, or both',
    glob: 'a tag pattern such as latest or v*',
    count: 'a whole number from 0 to {{max}}',
  },
} as const

/** Step texts of the manage jobs (`progress.enableDelete.*`, `progress.gc.*`). */
export const manageProgress = {
  enableDelete: {
    check: 'Reading the registry container',
    recreate: 'Re-creating the registry with deleting switched on',
    verify: 'Checking storage, certificates and port are the same',
  },
  gc: {
    prepare: 'Measuring storage before garbage collection',
    readOnly: 'Switching the registry to read-only maintenance mode',
    dryRun: 'Finding what garbage collection would free (dry run)',
    collect: 'Collecting garbage',
    restart: 'Restarting the registry in normal mode (clears its blob descriptor cache)',
    measure: 'Measuring storage after garbage collection',
  },
} as const

/** What the commands print (`cli.manage.*`). */
export const manageCli = {
  option: {
    ca: "the registry's CA certificate (only it is trusted)",
    user: 'user name for the registry (with --password-file)',
    passwordFile: 'file holding the password, on its first line',
    json: 'print the result as JSON',
    yes: 'go ahead without asking (needed without a terminal)',
  },
  allowed: {
    userAndPassword: '--user and --password-file together',
    dryRunOrYes: 'one of --dry-run and --yes',
  },
  confirm: { yesNo: 'y/N' },
  catalog: {
    description: 'List the repositories and tags of a registry with digest, platforms, size and created time',
    option: {
      registry: 'the registry, HOST:PORT',
      repo: 'only this repository (a name or a glob such as team/*)',
    },
    head: {
      repository: 'Repository',
      tag: 'Tag',
      digest: 'Digest',
      kind: 'Type',
      platforms: 'Platforms',
      size: 'Size',
      created: 'Created',
    },
    kind: { image: 'image', index: 'multi-platform' },
    empty: 'The registry holds no repositories.',
    summary: '{{repositories}} repositories, {{tags}} tags, {{size}} of distinct blobs.',
  },
  delete: {
    description: 'Delete a tag (its manifest, with every tag pointing at it) or a manifest by digest',
    reference: 'HOST:PORT/REPOSITORY:TAG or HOST:PORT/REPOSITORY@sha256:DIGEST',
    confirm: 'Delete {{reference}}?',
    done: 'Deleted {{repository}}@{{digest}}.',
    tagsGone: 'Tags gone with it: {{tags}}',
    children: 'Also deleted: {{count}} platform manifests no other tag needs.',
    gcNote: 'The disk space is freed by garbage collection: registry-wizard registry gc.',
  },
  prune: {
    description:
      'Delete images by retention rules (keep the last N, older than D days, protect tag patterns)',
    option: {
      keepLast: 'keep the N newest images of each repository',
      olderThan: 'delete only images older than DAYS days',
      protect: 'never delete tags matching this glob (repeatable, e.g. latest, v*)',
      dryRun: 'list what would be deleted, delete nothing',
    },
    head: { repository: 'Repository', tags: 'Tags', digest: 'Digest', created: 'Created' },
    nothing: 'Nothing to delete under these rules.',
    wouldDelete: 'Would delete {{count}} images:',
    willDelete: 'Deleting {{count}} images:',
    confirm: 'Delete these {{count}} images?',
    done: 'Deleted {{count}} images.',
  },
  gc: {
    description:
      'Free disk space: garbage collection in read-only maintenance mode, then a restart in normal mode',
    option: {
      dryRun: 'only report what would be freed (the registry stays in normal mode)',
      deleteUntagged:
        'also delete untagged manifests (destroys multi-platform images: their platform manifests are untagged)',
    },
    confirmUntagged: 'Delete untagged manifests too (multi-platform images are lost)?',
    wouldFree: 'Garbage collection would free {{size}} ({{blobs}} blobs) of {{before}}.',
    done: '{{name}}: freed {{freed}} ({{blobs}} blobs): {{before}} before, {{after}} after.',
  },
  usage: {
    description: "Storage used by the registry's data (volume or host path), total and per repository",
    head: { repository: 'Repository', blobs: 'Blobs', size: 'Size', unique: 'Only here' },
    noStorage: 'no storage mounted',
    total: '{{name}} ({{storage}}): {{total}} in {{blobs}} blobs; {{unlinked}} linked by no repository.',
  },
  enableDelete: {
    description:
      'Switch deleting on: re-create the registry with REGISTRY_STORAGE_DELETE_ENABLED=true (data kept)',
    done: '{{name}}: deleting is switched on; storage, certificates, logins and port are as before.',
    already: '{{name}}: deleting was already switched on; nothing changed.',
  },
} as const
