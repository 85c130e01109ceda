// Client trust (main/trust), the trust bundle (main/bundle) and removable drives (main/drives): their error codes,
// the plan's words both front ends show (`trust` namespace: store names, steps, notes, warnings), and what the
// `trust`, `bundle` and `drives` commands print (`cli.trust`).

const notValid = '{{field}}: {{value}} is not valid;'
const correctIt = 'Correct {{field}} and try again. Nothing was changed.'
const giveRoot =
  "give the root CA certificate clients must trust: the CA folder's ca.crt, or your company's root CA file (a file holding the chain up to the root works too)"

export const trustErrors = {
  CA_UNPARSABLE: {
    message: `${notValid} {{allowed}}`,
    hint: correctIt,
  },
  CA_HOLDS_PRIVATE_KEY: {
    message: `${notValid} give the CA certificate (ca.crt) only: this file holds a private key, and a private key never goes to a client`,
    hint: 'Give the CA certificate file (ca.crt) alone. Nothing was changed.',
  },
  CA_NOT_ONE_CERTIFICATE: {
    message: `${notValid} exactly one PEM certificate (-----BEGIN CERTIFICATE-----) is allowed; found 0`,
    hint: correctIt,
  },
  CA_NOT_A_CA: {
    message: `${notValid} a CA certificate (basicConstraints CA:TRUE) is required; this is a leaf (server) certificate: give the CA that signed it`,
    hint: correctIt,
  },
  CA_IS_INTERMEDIATE: {
    message: `${notValid} this is an intermediate CA ({{subject}}) issued by {{issuer}}: clients must trust the root; ${giveRoot}`,
    hint: correctIt,
  },
  CA_CHAIN_WITHOUT_ROOT: {
    message: `${notValid} the file holds {{count}} certificates but no root (self-signed) CA{{top}}: ${giveRoot}`,
    hint: correctIt,
  },
  CA_SEVERAL_ROOTS: {
    message: `${notValid} the file holds {{count}} root CAs ({{subjects}}); give the one root the registry's certificate chains to`,
    hint: correctIt,
  },
  CA_CHAIN_UNRELATED: {
    message: `${notValid} the file holds certificates of different chains: {{stray}} does not chain to the root {{root}}; give the root CA certificate alone`,
    hint: correctIt,
  },
  TRUST_CA_EXPIRED: {
    message: `${notValid} the CA expired on {{notAfter}}; a valid CA is required`,
    hint: 'Give the current CA certificate; an expired CA cannot make anything trusted. Nothing was changed.',
  },
  REGISTRY_REQUIRED: {
    message: '{{field}}: at least one {{field}} is required; {{allowed}}',
    hint: 'Give the registry address as in your image references. Nothing was changed.',
  },
  REGISTRY_NO_PORT: {
    message:
      "{{field}}: {{hostPort}} has no port: Docker would use 443 (certs.d/{{hostPort}}/). Write {{hostPort}}:443 if that is meant, or add the registry's port, e.g. {{hostPort}}:5000",
    hint: 'Give {{field}} {{hostPort}}:PORT exactly as in your image references ({{hostPort}}:443 also covers references written without a port). Nothing was changed.',
  },
  TRUST_TARGET_UNKNOWN: {
    message: `${notValid} "{{target}}" is not a target; a comma-separated list of {{allowed}} is allowed`,
    hint: correctIt,
  },
  TRUST_CONFLICT: {
    message:
      '{{path}} already exists with different content (another CA or configuration); it was left unchanged',
    hint: 'Check what it is. To replace it (a backup NAME.bak-DATE is kept), install again allowing the replacement.',
  },
  TRUST_UNKNOWN_OS: {
    message: 'the OS store of "{{name}}" is not known (read from /etc/os-release under {{root}})',
    hint: 'Leave out the OS store target and add ca.crt to the system store by hand; see docs/trust.md.',
  },
  TRUST_COMMAND_FAILED: {
    message: '{{command}} exited with code {{exitCode}}: {{output}}',
    hint: 'Fix the cause shown above and run again; install and uninstall are safe to repeat. {{undone}}',
  },
  TRUST_COMMAND_NOT_FOUND: {
    message: '{{command}} exited with code {{exitCode}}: {{output}}',
    hint: '{{program}} was not found: install the package that provides it (e.g. ca-certificates) and run again. {{undone}}',
  },
  TRUST_ELEVATION_FAILED: {
    message: 'the change as administrator did not finish: {{detail}}',
    hint: 'Allow the administrator prompt, or run the commands shown as root. Nothing is left half-done by the script (it stops at the first failure).',
  },
  BUNDLE_EXISTS: {
    message: '{{path}} already exists; it was left unchanged',
    hint: 'Choose another place, remove it, or allow replacing it.',
  },
  BUNDLE_OUT_SPECIAL: {
    message:
      '{{field}}: {{path}} is on a system file system ({{real}}: /proc, /sys or /dev) that cannot hold a bundle',
    hint: 'Give {{field}} a normal folder (e.g. ./bundle) or a mounted drive. Nothing was changed.',
  },
  BUNDLE_VERIFY_FAILED: {
    message: 'the bundle did not verify after writing it ({{detail}})',
    hint: 'Nothing was left behind. Export again; if it repeats, the disk may be failing.',
  },
  BUNDLE_NO_CHECKSUMS: {
    message: '{{path}} is missing: not a trust bundle folder',
    hint: 'Export the trust bundle again.',
  },
  BUNDLE_INVALID: {
    message: '{{path}} does not match its SHA256SUMS: {{detail}}',
    hint: 'Export the trust bundle again; nothing was written to the drive.',
  },
  BUNDLE_UNKNOWN: {
    message: 'that bundle was not exported by this app session; nothing was written',
    hint: 'Export the trust bundle again, then write it to the drive.',
  },
  BUNDLE_PATH_INVALID: { message: `${notValid} {{allowed}}`, hint: correctIt },
  DRIVE_PATH_INVALID: { message: `${notValid} {{allowed}}`, hint: correctIt },
  DRIVE_NOT_LISTED: { message: `${notValid} {{allowed}}`, hint: correctIt },
  DRIVE_UNKNOWN: {
    message: 'that drive is not a mounted removable drive now ({{count}} listed); nothing was written',
    hint: 'Plug the drive in again and mount it, then list the drives again and choose it.',
  },
  DRIVE_READ_ONLY: {
    message: '{{mount}} is read-only ({{errno}}): the bundle cannot be written there',
    hint: 'Unlock the drive (write-protect switch), remount it read-write, or choose another drive.',
  },
  DRIVE_FULL: {
    message: '{{mount}} has {{free}} free; the bundle needs {{needed}}. Nothing was written',
    hint: 'Free some space on the drive or choose another one.',
  },
  DRIVE_FILLED_UP: {
    message: '{{mount}} ran out of space while writing the bundle',
    hint: 'Free some space or choose another drive; the partial copy was removed.',
  },
  DRIVE_WRITE_FAILED: {
    message: 'writing to {{mount}} failed: {{detail}}',
    hint: 'Check the drive and write the bundle again; the partial copy was removed.',
  },
  DRIVE_VERIFY_FAILED: {
    message:
      'the copy in {{dest}} does not match the bundle when re-read from the drive ({{files}}); do not use that copy',
    hint: 'The drive may be failing or was removed: write the bundle again, or use another drive.',
  },
} as const

/** The CLI's own hints: its flags and commands. */
export const trustCliHints = {
  TRUST_CONFLICT: 'Check what it is. To replace it (a backup NAME.bak-DATE is kept), run again with --force.',
  TRUST_UNKNOWN_OS:
    'Leave out the os target (--targets docker,podman,containerd) and add ca.crt to the system store by hand; see docs/trust.md.',
  BUNDLE_EXISTS: 'Choose another --out folder, remove it, or run again with --force to replace it.',
  DRIVE_UNKNOWN: 'Plug the drive in again and mount it, then list the drives again (registry-wizard drives).',
} as const

/** The GUI's own hints: its steps and controls. */
export const trustGuiHints = {
  TRUST_CONFLICT:
    'Check what it is. To replace it (a backup is kept), run `registry-wizard trust install --force` in a terminal.',
  TRUST_UNKNOWN_OS:
    'Add ca.crt to the system store by hand (see docs/trust.md), or use the trust bundle below: its README covers each system.',
  BUNDLE_EXISTS:
    'Choose another export folder or remove the old bundle; on a drive, tick "Replace a copy already on the drive".',
  DRIVE_UNKNOWN: 'Plug the drive in again and mount it, then open this step again and choose it.',
  BUNDLE_UNKNOWN: 'Export the trust bundle again (Export trust bundle), then write it to the drive.',
} as const

/** The plan's words, shown by both front ends. */
export const trustTexts = {
  target: {
    docker: 'Docker',
    podman: 'Podman / CRI-O',
    containerd: 'containerd',
    os: 'OS store',
    osLinux: 'OS store ({{distros}})',
    osMacos: 'OS store (macOS System keychain)',
    osWindows: 'OS store (Windows LocalMachine\\Root)',
  },
  step: {
    write: 'write {{path}} (mode {{mode}}, {{bytes}} bytes)',
    writeBackup: 'write {{path}} (mode {{mode}}, {{bytes}} bytes, old file backed up first)',
    remove: 'remove {{path}}',
    removeDir: 'remove folder {{path}} if empty',
    run: 'run {{command}}  # {{why}}',
  },
  why: {
    rebuild: 'rebuild the system CA bundle',
    rebuildWithout: 'rebuild the system CA bundle without this CA',
    keychainAdd: 'trust the CA in the System keychain (Docker Desktop reads it)',
    keychainRemove: 'remove the CA from the System keychain',
    windowsAdd: 'trust the CA machine-wide (needs an elevated prompt)',
    windowsRemove: 'remove the CA from LocalMachine\\Root',
  },
  note: {
    certsDir: '{{label}} reads certs.d on every connection: no restart needed.',
    restartDockerd:
      'dockerd caches the system CA roots (Go reads them once): restart it so it sees this change, e.g. `systemctl restart docker`.',
    restartDockerDesktop:
      'dockerd caches the system CA roots (Go reads them once): restart it so it sees this change, e.g. `systemctl restart docker`. On Docker Desktop: quit and start it again.',
    restartDockerDesktopRemoved: 'Restart Docker Desktop so it stops trusting the CA.',
    restartWindows:
      'Restart Docker (Restart-Service docker, or restart Docker Desktop) so it sees the new root.',
    restartWindowsRemoved: 'Restart Docker so it stops trusting the CA.',
  },
  warning: {
    foreignFile: '{{path}} holds something else than what install writes; it was left in place',
    containerdNoConfig:
      'containerd: {{configFile}} not found; hosts.toml is read only when config_path is set: {{fix}}',
    containerdNoConfigPath:
      'containerd: config_path is not set to /etc/containerd/certs.d in {{configFile}}, so hosts.toml is ignored: {{fix}}',
    containerdFix:
      'set config_path = "/etc/containerd/certs.d" under [plugins."io.containerd.grpc.v1.cri".registry] (containerd 2: [plugins."io.containerd.cri.v1.images".registry]) in /etc/containerd/config.toml and restart containerd',
    keychainUnknown: 'could not query the macOS keychain',
    windowsUnknown: 'could not query the Windows certificate store',
  },
  done: {
    backedUp: 'backed up {{path}} as {{backup}}',
    wrote: 'wrote {{path}}',
    removed: 'removed {{path}}',
    removedDir: 'removed empty folder {{path}}',
    ran: 'ran {{command}}',
  },
  ca: {
    pemText: '(PEM text)',
    chainTaken:
      '{{source}} holds a chain of {{count}} certificates: the root CA {{subject}} was taken from it (clients trust the root)',
    reencoded:
      '{{source}}: the certificate block holds text that is not base64; it was ignored and the certificate re-encoded from its DER bytes',
    unparsable: 'the certificate block could not be parsed as X.509',
    mustBeReadable: 'the CA certificate file must exist and be readable',
    topIssuedBy: '; the top one ({{subject}}) is issued by {{issuer}}',
  },
  command: { noOutput: '(no output)' },
  registry: {
    allowed:
      'HOST:PORT is allowed, as in the image reference (192.168.20.10:5000, registry.lan:5000, [fd00::10]:5000)',
    portRange: 'the port must be 1-65535; {{allowed}}',
    wildcard: 'a wildcard is not a registry address; {{allowed}}',
    ipv6: 'an IPv6 address needs brackets; {{allowed}}',
  },
  targets: { allowed: 'a comma-separated list of {{targets}} is allowed' },
  bundle: { archiveAllowed: 'zip or tar.gz is allowed' },
  drives: {
    mountAllowed: 'an absolute mount point of a listed drive, without "..", is allowed',
    bundleDirAllowed: 'an absolute bundle folder path without ".." is allowed',
    topOfDrive: 'the bundle must be copied into the top of the drive',
    readBack: {
      'direct-io': 're-read from the drive with O_DIRECT (not from memory)',
      'dropped-cache': 're-read from the drive after dropping its cached pages',
      'page-cache':
        're-read through the OS cache (this system cannot bypass it): this checks the copy, not the drive',
    },
  },
  /** Job steps (progress events of exportBundle and copyBundleToDrive). */
  progress: {
    writeFiles: 'Writing files…',
    verify: 'Checking the bundle…',
    archive: 'Packing the archive…',
    place: 'Putting the bundle in place…',
    writeDrive: 'Writing to the drive…',
    verifyDrive: 'Re-reading from the drive…',
  },
  /** The Client trust step's own words for the plan (the GUI). */
  view: {
    notes: 'Before you rely on it',
    warning: 'Warning',
    runAsRoot:
      'This app is not running as an administrator and cannot ask for it here. Run this as root to finish:',
  },
} as const

/** What `trust`, `bundle` and `drives` print, and their help. */
export const trustCli = {
  help: {
    trust: "Make this machine's Docker, Podman, containerd and OS store trust the registry CA",
    install: 'Install the CA (idempotent)',
    uninstall: 'Remove exactly what install added and re-run the store update',
    status: 'Is the CA installed in each target? (exit 1 if not everywhere)',
    ca: 'the CA certificate (ca.crt); a file holding a private key is refused',
    registry: 'registry address as in image references, with its port (repeat for IP and DNS name)',
    root: 'act under DIR instead of / (store update commands are then listed, not run)',
    json: 'print the result as JSON',
    dryRun: 'list the files and commands, change nothing',
    force: 'replace a different ca.crt / hosts.toml already there (a backup is kept)',
    bundle: 'The trust bundle for other machines (USB stick, fleets)',
    export:
      'Write registry-trust-HOST_PORT/: ca.crt, fingerprint, install.sh / .ps1 / -macos.sh, Ansible, README, SHA256SUMS',
    out: 'folder to create the bundle folder in',
    drive: 'a removable drive (see `drives`): written, synced and verified',
    archive: 'also pack it: zip or tar.gz',
    forceBundle: 'replace an existing bundle of the same name',
    drives: 'List mounted removable drives a trust bundle can be written to (system drives are never listed)',
    drivesJson: 'print the list as JSON',
  },
  header: {
    install: 'Install trust in CA {{subject}} (SHA-256 {{fingerprint}}) for {{registries}}',
    uninstall: 'Uninstall trust in CA {{subject}} (SHA-256 {{fingerprint}}) for {{registries}}',
    under: '{{header}} under {{root}}',
    dryRun: 'Dry run: {{header}}',
  },
  target: '{{label}}:',
  nothingToDo: 'nothing to do (already in the wanted state)',
  would: 'would {{step}}',
  needsRoot: 'Not done: this needs root. Run these commands as root (e.g. paste them into `sudo sh`):',
  notRun: 'Not run (root prefix {{root}}: they would change this machine); run them inside that system:',
  pending: '{{command}}  # {{why}}',
  done: { install: 'install done.', uninstall: 'uninstall done.' },
  unchanged: {
    install: 'Nothing to change: already installed.',
    uninstall: 'Nothing to change: already removed.',
  },
  status: {
    installed: 'installed',
    notInstalled: 'NOT installed',
    unknown: 'unknown',
    line: '{{label}}: {{state}}',
  },
  bundle: {
    written: 'Trust bundle written to {{dir}}',
    archive: 'Archive: {{path}}',
    fingerprint: 'CA SHA-256 fingerprint (tell recipients to compare it): {{fingerprint}}',
    onDrive: 'Trust bundle written to {{dest}} and verified byte for byte ({{count}} files, {{readBack}}).',
    outOrDrive: 'give exactly one of --out DIR (a folder) or --drive MOUNT (a removable drive from `drives`)',
    driveDotDot: 'give the mount point itself, without ".." (see `drives`)',
    notADrive: 'it is not a mounted removable drive; allowed: {{drives}} (use --out for a folder)',
    noneMounted: 'none is mounted',
  },
  drives: {
    none: 'No removable drive is mounted. Plug in a USB stick (and mount it), or use `bundle export --out DIR`.',
    noLabel: '(no label)',
    free: '{{free}} free of {{size}}',
    readOnly: 'READ-ONLY',
  },
} as const
