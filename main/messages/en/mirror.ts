// The Docker Hub pull-through mirror (main/mirror): its error codes, the domain's words (`mirror.*`), its progress
// (`progress.mirror.*`), verify's mirror mode (`verify.mirror.*`, `explain.MIRROR_*`), what `registry-wizard mirror`
// prints (`cli.mirror.*`) and the Mirror panel (`gui.mirror.*`).

export const mirrorErrors = {
  MIRROR_UPSTREAM_INVALID: {
    message: '{{field}}: {{value}} cannot be the upstream: {{reason}}.',
    hint: 'Give the upstream as https://HOST[:PORT] (default: Docker Hub, https://registry-1.docker.io); its login goes separately, read from a file. Nothing was started.',
  },
  MIRROR_UPSTREAM_CA_INVALID: {
    message: '{{field}} holds no PEM certificate.',
    hint: "Give the CA certificate the upstream's certificate chains to, in PEM (-----BEGIN CERTIFICATE-----). Nothing was started.",
  },
  MIRROR_UPSTREAM_LOGIN: {
    message: '{{field}}: the upstream user and its password go together.',
    hint: 'Give both the upstream user and the file holding its password, or neither. Nothing was started.',
  },
  MIRROR_TTL_UNSUPPORTED: {
    message:
      'The image {{image}} (distribution {{version}}) has no proxy TTL setting: it keeps proxied content for 7 days and would ignore a TTL.',
    hint: 'Leave out the TTL, or use a registry:3 image (distribution 3 reads proxy.ttl). Nothing was started.',
  },
  MIRROR_UPSTREAM_FAILED: {
    message:
      'The mirror exited at start: registry:2 asks the upstream {{upstream}} for /v2/ when it starts, and that failed: {{detail}}{{cleanup}}',
    hint: "Check that the engine's host reaches the upstream (DNS, firewall, proxy), and for an internal upstream that its CA file is the one its certificate chains to. Then start the mirror again.",
  },
  MIRROR_UPSTREAM_LOGIN_REFUSED: {
    message:
      'The upstream {{upstream}} refused the login of {{user}}: {{realm}} answered HTTP {{status}}. The mirror would get no image from it (registry:2 then answers 404 "manifest unknown" for every image).',
    hint: 'Check the user name and the password in its file (for Docker Hub, an access token can stand in for the password), then start the mirror again. Nothing was started.',
  },
  MIRROR_UPSTREAM_BASIC_AUTH: {
    message:
      'The upstream {{upstream}} asks for a Basic (htpasswd) login, and the image {{image}} (distribution {{version}}) sends the upstream login only to a token service: the mirror would pull nothing.',
    hint: 'Use a registry:3 image (distribution 3 answers Basic logins too), or an upstream with token auth (Docker Hub and Harbor have it). Nothing was started.',
  },
  MIRROR_NOT_A_MIRROR: {
    message: 'The container {{name}} is not a pull-through mirror made by Registry Wizard.',
    hint: 'Name the mirror container; a registry is managed as a registry.',
  },
} as const

/** The CLI's own hints: its flags and commands. */
export const mirrorCliHints = {
  MIRROR_UPSTREAM_INVALID:
    'Give --upstream https://HOST[:PORT] (default: Docker Hub); the login goes in --upstream-user and --upstream-password-file. Nothing was started.',
  MIRROR_UPSTREAM_CA_INVALID:
    "Give --upstream-ca FILE: the PEM CA certificate the upstream's certificate chains to. Nothing was started.",
  MIRROR_UPSTREAM_LOGIN:
    'Give --upstream-user NAME together with --upstream-password-file FILE, or neither. Nothing was started.',
  MIRROR_TTL_UNSUPPORTED: 'Leave out --ttl, or add --image registry:3. Nothing was started.',
  MIRROR_UPSTREAM_FAILED:
    "Check that the engine's host reaches the upstream, and --upstream-ca for an internal upstream; then run registry-wizard mirror start again.",
  MIRROR_UPSTREAM_LOGIN_REFUSED:
    'Check --upstream-user and the password in the file given to --upstream-password-file (for Docker Hub, an access token can stand in for the password); then run registry-wizard mirror start again. Nothing was started.',
  MIRROR_UPSTREAM_BASIC_AUTH:
    'Add --image registry:3 (distribution 3 answers Basic logins too), or mirror an upstream with token auth. Nothing was started.',
  MIRROR_NOT_A_MIRROR:
    'Give --name of the mirror (default registry-mirror); manage a registry with registry-wizard registry status|stop|restart|remove.',
} as const

/** The GUI's own hints: the Mirror panel's controls. */
export const mirrorGuiHints = {
  MIRROR_UPSTREAM_INVALID:
    'Type the upstream as https://HOST[:PORT] (empty: Docker Hub); pick the password file separately. Nothing was started.',
  MIRROR_UPSTREAM_CA_INVALID:
    "Pick the PEM CA certificate the upstream's certificate chains to. Nothing was started.",
  MIRROR_UPSTREAM_LOGIN: 'Fill in the upstream user and pick its password file, or leave both empty.',
  MIRROR_UPSTREAM_LOGIN_REFUSED:
    'Check the upstream user and pick the right password file (for Docker Hub, an access token can stand in for the password). Nothing was started.',
  MIRROR_NOT_A_MIRROR: 'The container with that name is a registry: manage it in the Registry step.',
} as const

/** The domain's words (`mirror.*`): reasons and allowed values inside the codes above. */
export const mirrorTexts = {
  upstream: {
    notUrl: 'it is not a URL',
    notHttps: 'only https:// is allowed (the login and the images would cross in clear)',
    credentials: 'a login in the URL would be written to the registry log; give it separately',
    path: 'only https://HOST[:PORT] is allowed, without a path, query or fragment',
  },
  allowed: {
    ttl: 'a duration such as 168h, 90m or 1h30m',
    user: 'a user name without spaces or ":"',
  },
  action: {
    version: 'ask {{image}} for its version',
  },
  version: {
    unknown: 'unknown',
  },
  login: {
    unchecked:
      'the upstream login was not checked from this machine ({{error}}); if the mirror then answers 404 "manifest unknown" for every image, the login is the likely cause',
    timeout: 'no answer from the upstream within {{seconds}} s',
  },
} as const

/** Progress of a mirror start beyond the registry's own steps (`progress.mirror.*`). */
export const mirrorProgress = {
  config: 'writing the mirror configuration (upstream {{upstream}}) into its own volume, mode 0600',
} as const

/** Verify's mirror mode (`verify.mirror.*`). */
export const mirrorVerify = {
  title: 'Pull of a Docker Hub name through the mirror',
  pull: {
    ok: '{{image}}: manifest {{digest}} and {{blobs}} blobs ({{bytes}} bytes) came through the mirror',
    'ok-index':
      '{{image}}: index {{digest}}, platform {{platform}}: manifest and {{blobs}} blobs ({{bytes}} bytes) came through the mirror',
    missing:
      '{{image}}: the mirror answered {{status}} {{registryCode}}: it could not get the image from its upstream',
    failed: '{{image}}: the pull failed: {{error}}',
  },
  push: {
    refused:
      'the registry refuses uploads ({{status}} {{registryCode}}): it is a pull-through mirror (or read-only), which cannot take pushes',
  },
  fix: "Check the mirror's status and its log: they show what its upstream answered.",
} as const

/** Known failures of a mirror, explained (`explain.MIRROR_*`): title, explanation, fix. */
export const mirrorExplain = {
  MIRROR_NO_PUSH: {
    title: 'This is a pull-through mirror: it cannot take pushes',
    explanation:
      '{{registry}} answers uploads with 405 UNSUPPORTED: a registry in proxy mode only serves what it fetches from its upstream (Docker Hub), and takes no pushes.',
    fix: 'Push to your own registry (the Registry step) instead, and verify the mirror with a pull (Verify in mirror mode).',
    cliFix:
      'Push to your own registry (registry-wizard registry start) instead, and check the mirror with a pull: registry-wizard verify --mirror {{registry}} --ca FILE.',
  },
  MIRROR_PULL_FAILED: {
    title: 'The mirror could not get the image from its upstream',
    explanation:
      '{{registry}} answered the pull with an error: its upstream was unreachable, refused the login, or has no such image. Note that registry:2 sends the upstream login only to a token service (as Docker Hub uses), not to an upstream with Basic (htpasswd) auth. A refused login shows only as 404 MANIFEST_UNKNOWN, in the answer and in the log of the mirror.',
    fix: 'If the mirror has an upstream login and the upstream holds this image, the login is the likely cause (a password changed since the start): start the mirror again with the current password. Otherwise check the upstream address and its CA (the Mirror panel shows its log).',
    cliFix:
      'If the mirror has an upstream login and the upstream holds this image, the login is the likely cause (a password changed since the start): run registry-wizard mirror start --replace with --upstream-user and the current --upstream-password-file. Otherwise check --upstream and --upstream-ca (registry-wizard mirror logs).',
  },
} as const

/** What `registry-wizard mirror` prints (`cli.mirror.*`). */
export const mirrorCli = {
  description:
    'The Docker Hub pull-through mirror: a second registry in proxy mode (start, status, logs, stop, restart, remove)',
  option: {
    name: 'mirror container name',
    json: 'print JSON',
    healthTimeout: 'seconds to wait for the mirror to answer',
  },
  start: {
    description: 'Start the pull-through mirror (registry:2 in proxy mode) with TLS from our CA',
    certs: 'folder with domain.crt, domain.key and ca.crt (cert issue --out)',
    upstream: 'the registry to mirror (default: Docker Hub, https://registry-1.docker.io)',
    upstreamCa: "PEM CA file the upstream's certificate chains to (an internal upstream)",
    upstreamUser: 'user name for the upstream',
    upstreamPasswordFile: "file holding the upstream user's password (first line; never on the command line)",
    ttl: 'how long proxied content is kept, e.g. 168h (registry:3 images only)',
    port: 'host port for the mirror',
    data: 'mirror cache on this absolute path of the engine host',
    volume: 'mirror cache in this named volume (default NAME-data)',
    image: 'registry image',
    imageTar: 'docker save tar of the image, loaded when the engine lacks it',
    noPull: 'never pull the image',
    certStore: 'where the certificates go: auto, bind, volume or host:/PATH',
    registryHost: 'the address clients use for the mirror (the certificate must cover it)',
    replace: 'replace an existing container with this name',
    reuse: 'reuse an existing mirror with this name',
    healthy:
      'Mirror {{name}} is up at {{url}} (/v2/ answered {{status}} in {{ms}} ms), proxying {{upstream}}. Image {{image}} ({{source}}).',
    noPush: 'It is a pull-through mirror: it serves pulls only and takes no pushes.',
    clients:
      'Point clients at it: registry-wizard trust install --ca ca.crt --mirror {{hostPort}} (or the bundle, install.sh --mirror {{hostPort}}).',
    step: {
      preflight: 'preflight',
      image: 'image',
      pull: 'pull',
      load: 'load',
      replace: 'replace',
      certs: 'certificates',
      config: 'configuration',
      create: 'create',
      start: 'start',
      health: 'health',
      cleanup: 'cleanup',
      reuse: 'reuse',
    },
  },
  status: {
    description: "Show the mirror's state, upstream, port, storage and certificate",
    proxy: 'Pull-through mirror of {{upstream}} (takes no pushes)',
    upstreamUser: 'Upstream user: {{user}}',
    upstreamCa: 'Upstream CA: its own CA file (SSL_CERT_FILE)',
    ttl: 'Proxy TTL: {{ttl}}',
  },
  logs: {
    description: "Print the mirror's log (the upstream fetches show there)",
  },
  stop: { description: 'Stop the mirror' },
  restart: {
    description: 'Restart the mirror and check its health against our CA',
    certs: 'folder with ca.crt (the CA the mirror certificate chains to)',
    registryHost: 'the address clients use for the mirror (the certificate must cover it)',
  },
  remove: {
    description:
      'Remove the mirror with its certificate and configuration volumes (the cache stays unless --delete-data)',
    deleteData: 'also delete the cache volume',
  },
  verify: {
    mirror: 'verify a pull-through mirror at HOST:PORT (a pull through it instead of a push)',
    image: 'the Docker Hub name to pull through the mirror (default library/hello-world:latest)',
    oneTarget: 'one of --registry HOST:PORT or --mirror HOST:PORT',
    pushMirror: '--push with --mirror (a mirror takes no pushes)',
    imageAllowed: 'a repository name with a tag or digest, e.g. library/alpine:3.20',
  },
} as const

/** The Mirror panel (`gui.mirror.*`). */
export const mirrorGui = {
  title: 'Docker Hub mirror',
  intro:
    'A second registry in proxy mode: clients pull Docker Hub names through it, and it keeps what it fetched. It takes no pushes.',
  open: 'Docker Hub mirror',
  openHint: 'A pull-through mirror of Docker Hub (or an internal upstream) beside the registry.',
  form: {
    upstream: 'Upstream',
    upstreamPlaceholder: 'https://registry-1.docker.io (Docker Hub)',
    upstreamCa: 'Upstream CA file (internal upstream)',
    upstreamUser: 'Upstream user',
    passwordFile: 'Upstream password file',
    pick: 'Choose…',
    clear: 'Clear',
    port: 'Port',
    start: 'Start the mirror',
    needsPlan: 'Plan the engine and issue the server certificate first (Registry and Certificates steps).',
  },
  status: {
    heading: 'Mirror status',
    none: 'No mirror is running under the name {{name}}.',
    refresh: 'Refresh',
    state: 'State',
    upstream: 'Upstream',
    port: 'Port',
    storage: 'Cache',
    certificate: 'Certificate',
    certValue: '{{subject}}, until {{notAfter}} ({{days}} days)',
    proxy: 'Pull-through mirror: takes no pushes',
  },
  started: 'The mirror is up at {{url}}, proxying {{upstream}}.',
  actions: {
    stop: 'Stop',
    restart: 'Restart',
    remove: 'Remove',
    confirmStop: 'Stop the mirror {{name}}? Clients fall back to their upstream until it runs again.',
    confirmRemove:
      'Remove the mirror {{name}} with its certificate and configuration volumes? The cache volume stays.',
    stopped: 'The mirror was stopped.',
    restarted: 'The mirror answered {{status}} after the restart ({{ms}} ms).',
    removed: 'The mirror was removed.',
  },
  noPush:
    'A pull-through mirror cannot take pushes: the push/pull round trip is for your own registry. Check a mirror with a pull (registry-wizard verify --mirror).',
} as const
