// The images front ends: `registry-wizard images inspect|import|export` (cli.images) and the Images screen
// (gui.images), plus the codes only those front ends raise (an archive or folder id the renderer sent back).

export const imagesUiErrors = {
  IMAGE_PICK_UNKNOWN: {
    message: '{{field}}: that file or folder was not picked in this session; nothing was read',
    hint: 'Pick the archive or the folder again.',
  },
  IMAGE_DROP_UNUSABLE: {
    message: '{{field}}: {{path}} cannot be imported: {{reason}}',
    hint: 'Drop a docker save tar (.tar, .tar.gz), an OCI archive or an OCI layout folder.',
  },
} as const

export const imagesUiCliHints = {
  IMAGE_PICK_UNKNOWN: 'Give the file on the command line.',
  IMAGE_DROP_UNUSABLE: 'Give the archive on the command line.',
  IMAGES_UNNAMED: 'Give --repository NAME (for example --repository team/app): the tags go under it.',
} as const

export const imagesUiGuiHints = {
  IMAGE_PICK_UNKNOWN: 'Pick the archive (or the destination folder) again with its button.',
  IMAGE_DROP_UNUSABLE: 'Drop the archive file itself, or pick it with its button.',
  IMAGES_UNNAMED: 'Type the repository (for example team/app) in the Repository field, then push again.',
} as const

export const imagesUiCli = {
  help: {
    images:
      'Images across the air gap: what an archive holds, push it into the registry, pull images into one',
    inspect:
      'What an archive holds (docker save tar, OCI archive or OCI layout folder): images, tags, platforms, sizes',
    import: 'Push the images of archives into the registry (blobs it already has are skipped)',
    export: 'Pull images from the registry into one archive (with a .sha256 checksum file)',
    file: 'a docker save tar, an OCI archive, or an OCI image layout folder',
    files: 'the archives to import (docker save tars, OCI archives, OCI layout folders)',
    refs: 'images to export, as in a list file (`app/web:2.1`, `docker.io/library/nginx:1.25`)',
    json: 'print the result as JSON (no progress)',
    registry: 'the registry as HOST:PORT',
    ca: "the CA certificate (ca.crt) the registry's certificate must chain to (no other CA is trusted)",
    prefix: 'repositories go under this prefix (`mirror` puts library/nginx at mirror/library/nginx)',
    repository:
      'the repository for images the archive names only by a tag (skopeo oci-archive:FILE:1.0) or not at all',
    exportPrefix: 'the prefix the images were imported under: read from there, named without it',
    user: 'the registry user (with --password-file)',
    passwordFile: "a file whose first line is the user's password (never the password itself)",
    list: 'a file with one image reference per line (`#` comments), like k3s-images.txt',
    out: 'the archive file to write (FILE.tar)',
    drive: 'a removable drive (see `drives`): the archive goes to its top folder as {{file}}',
    format: 'oci (default) or docker (for `docker load`: one platform per image)',
    platform: 'with --format docker, the platform to keep: os/arch[/variant] (default linux/amd64)',
    force: 'replace an archive of the same name',
  },
  inspect: {
    summary: '{{path}}: {{kind}}, images: {{images}}, {{size}}',
    image: '{{names}}  {{digest}}  {{size}}',
    platform: '    {{platform}}  {{digest}}  {{size}}',
    noName: '(no name)',
  },
  import: {
    pushed: 'pushed {{reference}}  {{digest}}  (platforms: {{platforms}})',
    summary:
      'Blobs: {{uploaded}} uploaded ({{bytes}}), {{present}} already in the registry, {{mounted}} mounted; {{seconds}} s.',
    cancelled:
      'Cancelled. Nothing was tagged; blobs already uploaded stay in the registry and are skipped next time.',
  },
  export: {
    image: 'exported {{reference}}  {{digest}}  (platforms: {{platforms}})',
    written: 'Archive written: {{out}} ({{bytes}})',
    checksum: 'Checksum: sha256 {{sha256}} (in {{file}}, for `sha256sum -c`)',
    cancelled: 'Cancelled. Nothing was written to {{out}}.',
  },
  progress: {
    blob: '{{blob}} {{done}}/{{size}}',
    total: 'total {{done}} of {{total}} ({{percent}}%), {{rate}}/s',
  },
  allowed: {
    listOrRefs: 'give image references as arguments or --list FILE, not both',
    outOrDrive: 'give exactly one of --out FILE.tar or --drive MOUNT (a removable drive from `drives`)',
    format: 'oci or docker',
    platform: 'os/arch or os/arch/variant (linux/amd64, linux/arm64/v8)',
    userAndPassword: 'give --user and --password-file together',
  },
} as const

export const imagesUiGui = {
  title: 'Images',
  subtitle: 'Bring images into the registry from files (a USB stick), and take them out again.',
  home: 'Import or export images',
  homeHelp: 'Push images from a USB stick into the registry, or pull them into an archive.',
  target: 'Registry: {{target}}',
  source: {
    title: 'Import an archive',
    drop: 'A docker save tar (.tar, .tar.gz), an OCI archive or an OCI layout folder: drop it here or pick it.',
    pickFile: 'Pick an archive…',
    pickFolder: 'Pick an OCI layout folder…',
    reading: 'Reading {{name}}…',
    remove: 'Remove {{name}}',
    dropUnavailable: 'A dropped item could not be read as a file: pick it with the button.',
  },
  table: {
    label: 'Images in {{name}}',
    name: 'Image',
    digest: 'Digest',
    platforms: 'Platforms',
    size: 'Size',
    noName: '(no name)',
    tagsOnly: 'tag {{tags}} (no repository: give one below)',
    summary: '{{kind}}: images: {{images}}, {{size}}',
  },
  push: {
    prefix: 'Prefix (optional)',
    prefixHint: 'Repositories go under it: mirror puts library/nginx at mirror/library/nginx.',
    repository: 'Repository (for images without one)',
    repositoryHint: 'An archive that names an image only by a tag (1.0) needs it, for example team/app.',
    start: 'Push to the registry',
    running: 'Pushing images',
    total: 'Total: {{done}} of {{total}}, {{rate}}/s',
    blobs: 'Blobs',
    blob: 'Blob {{digest}}',
    outcome: {
      present: 'already there',
      mounted: 'mounted',
      uploaded: 'uploaded',
      fetched: 'fetched',
    },
    done: 'Pushed: {{images}}. Blobs uploaded: {{uploaded}} ({{bytes}}), already there: {{present}}.',
    cancelled: 'Cancelled. Nothing was tagged; uploaded blobs are skipped next time.',
  },
  listing: {
    title: 'Pushed images in the registry',
    none: 'After a push, its images are shown here as the registry holds them. Every repository: Registry contents.',
    intro: 'The repositories the last push wrote, read back from the registry: tick tags to export them.',
    open: 'Open Registry contents',
    loading: 'Reading the registry…',
    empty: 'The registry holds no tag of the pushed repositories now.',
    label: 'Pushed images in the registry',
    scroll: 'Pushed images in the registry (scroll for more)',
    selectTag: 'Export {{reference}}',
  },
  exporter: {
    title: 'Export to an archive',
    refs: 'Images to export (one per line)',
    refsHint:
      'Tick tags above (after a push) or on Registry contents, or paste a list such as k3s-images.txt.',
    format: 'Format',
    formatOci: 'OCI archive',
    formatDocker: 'docker-archive (for docker load)',
    platform: 'Platform (docker format)',
    destination: 'Destination',
    toFolder: 'A folder',
    toDrive: 'A removable drive',
    pickFolder: 'Pick a folder…',
    folder: 'Folder: {{name}}',
    noFolder: 'No folder picked yet.',
    drive: 'Drive',
    noDrives: 'No removable drive is mounted.',
    fileName: 'File name',
    force: 'Replace an archive of the same name',
    start: 'Export',
    running: 'Exporting images',
    done: 'Written: {{out}} ({{bytes}})',
    checksum: 'SHA-256: {{sha256}}',
    checksumFile: 'Checksum file: {{file}}',
    cancelled: 'Cancelled. Nothing was written.',
  },
  allowed: {
    pickId: 'the id of a file or folder picked in this session',
    fileName: 'a file name of letters, digits, . _ or - ending in .tar',
    reference: 'an image reference such as app/web:2.1',
    destination: 'exactly one destination: a picked folder or a listed drive',
    platform: 'os/arch or os/arch/variant (linux/amd64)',
    droppedPath: 'the absolute path of a dropped file or folder',
  },
  dropReason: {
    missing: 'it does not exist (or cannot be read)',
    notFile: 'it is neither a file nor a folder',
    notLayout: 'the folder holds no oci-layout or manifest.json',
  },
  login: {
    title: 'Registry login (if htpasswd is on)',
    user: 'User',
    password: 'Password',
    hint: 'Leave empty to use the user given to the registry start in this session.',
  },
} as const
