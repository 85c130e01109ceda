// The Registry contents screen (gui.contents) and the codes only its IPC channels raise (main/ipc/handlers/
// manage-handlers.ts): the registry named by an address the app does not know, a retention plan that changed.

export const manageUiErrors = {
  MANAGE_REGISTRY_UNKNOWN: {
    message: '{{field}}: {{address}} is not the registry of the saved plan; nothing was read or changed.',
    hint: 'Open the registry the plan describes, or save a plan for this one first.',
  },
  MANAGE_REGISTRY_NO_CA: {
    message: 'No certificate issued by this app covers {{address}}: its CA is unknown, nothing was read.',
    hint: 'Issue the server certificate for this address first.',
  },
  MANAGE_PLAN_UNKNOWN: {
    message: '{{field}}: this retention dry run is unknown or already used; nothing was deleted.',
    hint: 'Run the dry run again, check its list, then apply it.',
  },
  MANAGE_PLAN_CHANGED: {
    message:
      'The registry changed since the dry run ({{before}} images listed, now {{after}}): nothing was deleted.',
    hint: 'Run the dry run again and check the new list before applying it.',
  },
} as const

export const manageUiGuiHints = {
  MANAGE_REGISTRY_UNKNOWN: 'Save the plan for this registry in the Plan step.',
  MANAGE_REGISTRY_NO_CA: 'Issue the server certificate in the Certificates step.',
  MANAGE_PLAN_UNKNOWN: 'Press Dry run again, then Apply.',
  MANAGE_PLAN_CHANGED: 'Press Dry run again and check the new list, then Apply.',
} as const

/** The Registry contents screen (`gui.contents.*`). */
export const manageUiGui = {
  title: 'Registry contents',
  subtitle: 'What the registry holds, how much disk it takes, and tidying it up safely.',
  home: 'See what the registry holds',
  homeHelp: 'Repositories, tags, sizes and platforms; delete images and free disk space.',
  target: 'Registry: {{target}}',
  needPlan: 'Save a plan first: the screen reads the registry it describes.',
  toPlan: 'Go to Plan',
  refresh: 'Refresh',
  loading: 'Reading the registry…',
  empty: 'The registry holds no repositories.',
  filter: 'Filter by repository or tag',
  filterHint: 'Part of a name; matching repositories and tags are shown.',
  summary: '{{repositories}} repositories, {{tags}} tags, {{size}} of distinct blobs.',
  shown: 'Showing {{shown}} of {{total}} tags.',
  table: {
    label: 'Tags in the registry',
    repository: 'Repository',
    tag: 'Tag',
    digest: 'Digest',
    mediaType: 'Media type',
    platforms: 'Platforms',
    size: 'Size',
    created: 'Created',
    pull: 'Pull command',
    actions: 'Actions',
    kindIndex: 'multi-platform',
    unknown: 'unknown',
    platformSize: '{{platform}}: {{size}}',
  },
  copy: 'Copy',
  copyLabel: 'Copy the pull command for {{reference}}',
  copied: 'Copied: {{line}}',
  delete: {
    trigger: 'Delete',
    triggerLabel: 'Delete {{reference}}',
    title: 'Delete {{reference}}?',
    description:
      'The registry deletes the manifest {{digest}} of {{repository}}. Tags that go with it: {{tags}}.',
    children: 'With it go {{count}} platform manifests of this multi-platform image.',
    confirm: 'Delete',
    working: 'Deleting {{reference}}…',
    done: 'Deleted {{repository}}@{{digest}}; tags gone: {{tags}}.',
    doneChildren: 'Also deleted: {{count}} platform manifests no other tag needs.',
    gcNote: 'The disk space is freed by garbage collection (Reclaim disk below).',
  },
  enable: {
    title: 'Deleting is switched off',
    text: 'The registry refuses deletes. Switching deleting on re-creates its container with REGISTRY_STORAGE_DELETE_ENABLED=true: the same storage, certificates, logins and port; nothing stored is lost.',
    button: 'Switch deleting on',
    progress: 'Switching deleting on',
    done: 'Deleting is switched on; storage, certificates, logins and port are as before. Delete again.',
    already: 'Deleting was already switched on; nothing changed.',
  },
  chart: {
    title: 'Storage per repository',
    label: 'Bar chart: storage per repository',
    fromUsage: 'Bytes of the blobs each repository links, from the registry storage.',
    fromCatalog: 'Bytes of the distinct blobs of each repository, from the catalog.',
    loading: 'Drawing the chart…',
    total: 'Storage in use: {{total}} in {{blobs}} blobs; {{unlinked}} linked by no repository.',
  },
  retention: {
    title: 'Retention',
    intro: 'Delete old images by rules. The dry run lists exactly what Apply deletes.',
    keepLast: 'Keep the last N images per repository',
    keepLastHint: 'By created time; empty: no such rule.',
    olderThan: 'Delete only images older than (days)',
    olderThanHint: 'Empty: no such rule.',
    protect: 'Protected tags',
    protectHint: 'Tag patterns never deleted, separated by spaces or commas: latest v*',
    dryRun: 'Dry run',
    planning: 'Planning…',
    nothing: 'Nothing would be deleted under these rules.',
    wouldDelete: 'The dry run would delete {{count}} images:',
    kept: 'Kept: {{protected}} protected, {{newest}} among the newest, {{young}} too young, {{unknownAge}} of unknown age.',
    label: 'Images the dry run would delete',
    tags: 'Tags',
    apply: 'Apply: delete {{count}} images',
    applyTitle: 'Delete {{count}} images?',
    applyText:
      'Exactly the images the dry run listed are deleted; if the registry changed since, nothing is.',
    progress: 'Deleting by the retention rules',
    deleting: 'Deleting {{reference}} ({{done}} of {{total}})',
    done: 'Deleted {{count}} images.',
  },
  gc: {
    title: 'Reclaim disk',
    intro:
      'Deleting frees no disk by itself: garbage collection does. The registry is read-only while it runs (pushes are refused), then restarts in normal mode.',
    dryRun: 'Dry run',
    dryRunProgress: 'Garbage collection dry run',
    wouldFree: 'Garbage collection would free {{size}} ({{blobs}} blobs) of {{before}}.',
    untagged: 'Also delete untagged manifests',
    untaggedWarning:
      'Deleting untagged manifests also deletes the platform manifests of multi-platform images (they carry no tag of their own): such images can no longer be pulled afterwards.',
    run: 'Run garbage collection',
    runTitle: 'Run garbage collection?',
    runText:
      'The registry becomes read-only (pushes are refused) until garbage collection ends and it restarts.',
    runTextUntagged:
      'The registry becomes read-only until it ends. Untagged manifests are deleted too: multi-platform images are lost.',
    progress: 'Garbage collection',
    done: 'Freed {{freed}} ({{blobs}} blobs): {{before}} before, {{after}} after.',
    log: 'Garbage collection log',
  },
  fields: {
    host: 'Registry address',
    planId: 'Dry run',
    keepLast: 'Keep the last N',
    olderThanDays: 'Older than (days)',
    protect: 'Protected tags',
    repository: 'Repository',
    tag: 'Tag',
    digest: 'Digest',
    deleteUntagged: 'Untagged manifests',
  },
  allowed: {
    repository: 'a repository name such as team/app',
    tag: 'a tag such as 1.2 or latest',
    digest: 'sha256: and 64 hex digits',
    filter: 'a repository name or glob, up to 255 characters',
    planId: 'the id of a dry run this window made',
    untaggedConfirm: 'deleteUntagged only with the warning accepted',
    tagOrDigest: 'exactly one of tag and digest',
  },
} as const
