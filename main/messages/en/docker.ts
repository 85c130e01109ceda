// The registry on a Docker engine (main/docker, the `engine` and `registry` commands, the Registry step's preflight
// and progress). File names (domain.crt, domain.key, ca.crt), image references and engine text are data.

/** Error codes of main/docker. `message` says what was wrong; `hint` what to do (no flags, no buttons). */
export const dockerErrors = {
  INVALID_DOCKER_HOST: {
    message: '{{field}}: {{value}} is not valid; {{allowed}}',
    hint: 'Correct {{field}} and try again. Nothing was changed.',
  },
  INVALID_CONTAINER_NAME: {
    message: '{{field}}: {{value}} is not valid; {{allowed}}',
    hint: 'Correct {{field}} and try again. Nothing was changed.',
  },
  CERT_STORE_INVALID: {
    message: '{{field}}: {{detail}}',
    hint: 'A bind mount names a folder on this machine: on a remote engine keep the certificates in a volume or a folder on its host.',
  },
  CERT_FILES_MISSING: {
    message:
      '{{field}}: {{path}} cannot be read ({{reason}}); the directory must hold domain.crt, domain.key and ca.crt',
    hint: 'Issue the server certificate first and give the folder it was written to.',
  },
  CERT_INVALID: {
    message: '{{field}}: {{what}}',
    hint: 'Give the folder the server certificate was issued into.',
  },
  CERT_KEY_MISMATCH: {
    message:
      "{{field}}: domain.key does not belong to domain.crt (the key does not match the certificate's public key)",
    hint: 'Use the domain.key written together with this domain.crt, or issue a new pair.',
  },
  CERT_EXPIRED: {
    message: '{{field}}: domain.crt expired on {{notAfter}}',
    hint: 'Issue a new server certificate from the same CA (clients keep trusting it) and run again.',
  },
  CERT_NOT_FROM_CA: {
    message: '{{field}}: domain.crt was not signed by ca.crt ({{caSubject}}){{through}}',
    hint: 'Put the CA certificate that issued domain.crt next to it as ca.crt; for an intermediate CA, domain.crt holds the leaf followed by the intermediates and ca.crt the root.',
  },
  CERT_HOST_NOT_COVERED: {
    message: '{{field}}: {{detail}}',
    hint: 'Issue the server certificate with every address clients use, or use an address it covers.',
  },
  CERT_NOT_SAME_CA: {
    message:
      "{{field}}: the registry's current certificate was not issued by this ca.crt, so clients would have to trust a new CA",
    hint: 'Issue the new server certificate from the CA that issued the current one.',
  },
  NOT_LOCAL: {
    message: 'The certificates of "{{name}}" are a bind mount of {{source}} on another machine',
    hint: 'Replace them on the machine that runs the engine.',
  },
  REGISTRY_NOT_FOUND: {
    message: 'No container named "{{name}}" on the engine {{engine}}',
    hint: 'Check the container name and the engine, or start the registry first.',
  },
  NOT_MANAGED: {
    message: 'The container "{{name}}" was not made by Registry Wizard; it is left alone',
    hint: 'Remove it yourself with docker rm -f {{name}} if that is what you want.',
  },
  NAME_IN_USE: {
    message: 'A container named "{{name}}" already exists ({{state}}, image {{image}}{{made}})',
    hint: 'Reuse it, replace it, or choose another name.',
  },
  PORT_IN_USE: {
    message: "Port {{port}} is already in use on the engine's host ({{by}})",
    hint: 'Choose another port, or stop what uses port {{port}}.',
  },
  ENGINE_ERROR: {
    message: '{{action}} failed: {{detail}}',
    hint: 'Check the Docker engine (docker info) and run again.',
  },
  ENGINE_INSECURE: {
    message:
      '{{field}}: {{engine}} has no TLS, so {{what}} would cross the network in clear text; refused (nothing was sent)',
    hint: 'Use the engine over TLS or over SSH; send them in clear text only on a network you trust, and only when you allow it explicitly.',
  },
  ENGINE_UNREACHABLE: {
    message: 'Cannot reach the Docker engine at {{engine}}: {{reason}}',
    hint: '{{fix}}',
  },
  ENGINE_PERMISSION: {
    message: 'Cannot reach the Docker engine at {{engine}}: {{reason}}',
    hint: 'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and back in.',
  },
  ENGINE_TLS: {
    message: 'Cannot reach the Docker engine at {{engine}}: {{reason}}',
    hint: '{{fix}}',
  },
  ENGINE_SSH_AUTH: {
    message: 'Cannot reach the Docker engine at {{engine}}: {{reason}}',
    hint: "Give the right SSH key, load it into ssh-agent, or add its public key to the user's authorized_keys.",
  },
  ENGINE_SSH: {
    message: 'Cannot reach the Docker engine at {{engine}}: {{reason}}',
    hint: '{{fix}}',
  },
  ENGINE_SSH_HOST_UNKNOWN: {
    message:
      'Cannot reach the Docker engine at {{engine}}: the SSH host key of {{hostName}} is not known (server offered {{family}} key {{fingerprint}}{{others}})',
    hint: "Compare {{fingerprint}} with the server's own key, out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_{{familyLower}}_key.pub). If it is the same, accept it with `{{keyscan}}`, or pin that fingerprint.",
  },
  ENGINE_SSH_HOST_CHANGED: {
    message:
      "Cannot reach the Docker engine at {{engine}}: WARNING, THE SSH HOST KEY OF {{hostName}} HAS CHANGED: the server offered {{family}} key {{fingerprint}}, but {{was}}. Someone may be intercepting the connection (man-in-the-middle), or the server's host key was replaced. Nothing was sent to the server.",
    hint: "Do not connect until the server's administrator confirms {{fingerprint}}. If the key was replaced on purpose, remove the old entry (ssh-keygen -R '{{hostName}}' -f {{file}}) and add the new one ({{keyscan}}).",
  },
  ENGINE_SSH_HOST_PIN_MISMATCH: {
    message:
      'Cannot reach the Docker engine at {{engine}}: the SSH host key of {{hostName}} does not match the pinned fingerprint: the server offered {{fingerprint}}, {{field}} is {{pinned}}. Someone may be intercepting the connection (man-in-the-middle), or the pin is out of date. Nothing was sent to the server.',
    hint: "Check the server's host key with its administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server) before changing the pin.",
  },
  ENGINE_SSH_HOST_REVOKED: {
    message:
      'Cannot reach the Docker engine at {{engine}}: the SSH host key the server offered ({{fingerprint}}) is marked @revoked in {{where}}',
    hint: "A revoked key must not be trusted. Ask the server's administrator for its current host key.",
  },
  IMAGE_PULL_FAILED: {
    message: 'Pulling {{image}} failed: {{detail}}',
    hint: 'Without internet access, load the image from a `docker save` tar.',
  },
  IMAGE_PULL_INCOMPLETE: {
    message: 'Pulling {{image}} finished but the image is not on the engine',
    hint: 'Check the engine (docker images) and run again.',
  },
  IMAGE_TAR_INVALID: {
    message: '{{field}}: {{detail}}',
    hint: '{{fix}}',
  },
  IMAGE_TAR_NO_TAG: {
    message: '{{field}}: {{path}} does not contain {{image}}; it holds {{tags}}',
    hint: 'Save the wanted image (docker save {{image}} -o FILE) or choose the image the tar holds.',
  },
  IMAGE_LOAD_FAILED: {
    message: 'Loading {{path}} into the engine failed: {{detail}}',
    hint: 'Check that the tar is complete (docker save finished) and the engine has disk space.',
  },
  IMAGE_LOAD_INCOMPLETE: {
    message: 'Loading {{path}} finished but {{image}} is not on the engine',
    hint: 'Check that the tar holds {{image}} and run again.',
  },
  IMAGE_MISSING: {
    message: 'Image {{image}} is not on the engine and no image tar was given ({{reason}})',
    hint: 'Load it offline: on a machine with internet run `docker save {{image}} -o registry.tar`, copy the file here and give it as the image tar.',
  },
  CERT_COPY_FAILED: {
    message: 'Copying {{files}} to {{target}} failed: {{detail}}',
    hint: '{{fix}}',
  },
  HEALTH_FAILED: {
    message:
      'The registry at {{target}} is not healthy: {{reason}} (last probe: {{lastProbe}}){{log}}{{cleanup}}',
    hint: 'Read the container log lines below; common causes are a key that does not match the certificate, the port taken, or no permission on the storage path.',
  },
  HEALTH_TIMEOUT: {
    message:
      'The registry at {{target}} is not healthy: {{reason}} (last probe: {{lastProbe}}){{log}}{{cleanup}}',
    hint: 'Read the container log lines below; common causes are a key that does not match the certificate, the port taken, or no permission on the storage path.',
  },
  STORAGE_NOT_WRITABLE: {
    message:
      'The registry at {{target}} cannot write its storage ({{storage}}): a test upload got HTTP {{httpStatus}} ({{detail}}){{log}}{{cleanup}}',
    hint: '{{fix}}',
  },
} as const

/** The CLI's hints: the same fixes, named with its flags and commands. */
export const dockerCliHints = {
  CERT_STORE_INVALID: 'A bind mount would name a path on the remote host, not this machine.',
  CERT_FILES_MISSING:
    'Issue the server certificate first (registry-wizard cert issue --out DIR) and pass that directory.',
  CERT_INVALID: 'Pass the directory written by `registry-wizard cert issue`.',
  CERT_HOST_NOT_COVERED:
    'Issue the server certificate with every address clients use (registry-wizard cert issue --ip IP or --dns NAME), or give --registry-host with an address it covers.',
  REGISTRY_NOT_FOUND: 'Check --name and --docker-host, or start one with `registry start`.',
  NAME_IN_USE:
    'Start again with --reuse to use it, --replace to replace it, or choose another --name (see it with registry status --name {{name}}; stop it with registry stop --name {{name}}).',
  PORT_IN_USE: 'Choose another --port, or stop what uses port {{port}}.',
  ENGINE_INSECURE:
    'Use the engine over TLS (tcp://HOST:2376 with --tls-ca, --tls-cert and --tls-key; `cert issue --client` makes the client pair) or over SSH (ssh://USER@HOST). To send them in clear text anyway, pass --insecure-engine (in the app: the "engine without TLS" box in the Plan step).',
  ENGINE_UNREACHABLE: '{{cliFix}}',
  ENGINE_TLS: '{{cliFix}}',
  ENGINE_SSH_AUTH:
    "Give the right key with --ssh-key, load it into ssh-agent, or add its public key to the user's authorized_keys.",
  ENGINE_SSH_HOST_UNKNOWN:
    "Compare {{fingerprint}} with the server's own key, out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_{{familyLower}}_key.pub). If it is the same, accept it with `{{keyscan}}`, or pass --ssh-host-key-fingerprint {{fingerprint}}.",
  IMAGE_PULL_FAILED: 'Without internet access, load the image from a `docker save` tar (--image-tar FILE).',
  IMAGE_TAR_NO_TAG:
    'Save the wanted image (docker save {{image}} -o FILE) or choose the image the tar holds with --image.',
  IMAGE_MISSING:
    'Load it offline: on a machine with internet run `docker save {{image}} -o registry.tar`, copy the file here and pass --image-tar registry.tar.',
  STORAGE_NOT_WRITABLE: '{{cliFix}}',
} as const

/** The GUI's hints: the same fixes, named with the app's steps and controls. */
export const dockerGuiHints = {
  CERT_STORE_INVALID: 'A bind mount would name a folder on the remote host, not this machine.',
  CERT_FILES_MISSING: 'Issue the server certificate in the Certificates step first.',
  CERT_INVALID: 'Issue the server certificate again in the Certificates step.',
  CERT_HOST_NOT_COVERED:
    'Issue the server certificate again in the Certificates step with every address clients use.',
  REGISTRY_NOT_FOUND: 'Start the registry in the Registry step first.',
  NAME_IN_USE: 'Remove the existing container with the Remove button, or rename it first.',
  PORT_IN_USE: 'Choose another port in the Plan step, or stop what uses port {{port}}.',
  ENGINE_INSECURE:
    'Give the engine\'s TLS folder or use SSH in the Plan step; only if this network is trusted, tick "Allow an engine without TLS".',
  ENGINE_UNREACHABLE: '{{guiFix}}',
  ENGINE_TLS: '{{guiFix}}',
  ENGINE_SSH_HOST_UNKNOWN:
    "Compare {{fingerprint}} with the server's own key, out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_{{familyLower}}_key.pub). If it is the same, add it to known_hosts with `{{keyscan}}` and check the connection again.",
  IMAGE_PULL_FAILED:
    'Without internet access, choose an image tar made with `docker save` in the Registry step.',
  IMAGE_MISSING:
    'Load it offline: on a machine with internet run `docker save {{image}} -o registry.tar`, copy the file here and choose it as the image tar in the Registry step.',
  STORAGE_NOT_WRITABLE: '{{guiFix}}',
} as const

/** Words the domain puts inside its messages (reasons, storage, cleanup, log lines), as message keys. */
export const docker = {
  allowed: {
    oneUser: 'at least one user is needed for htpasswd auth',
    userName: 'allowed: 1-64 letters, digits and . _ @ - (no colon, no spaces)',
    userOnce: 'each user name may appear once',
    passwordEmpty: 'the password must not be empty',
    passwordLong: 'bcrypt uses at most 72 bytes; choose a shorter password',
    dockerHost: 'allowed: unix:///path, npipe:////./pipe/name, tcp://host:port, ssh://user@host[:port]',
    containerName: 'allowed: letters, digits and _ . - (starting with a letter or digit, at most 63)',
    fingerprint:
      'allowed: SHA256:<43 base64 characters>, as `ssh-keygen -lf KEY.pub` or `ssh-keyscan HOST | ssh-keygen -lf -` prints it',
    tlsDir: 'it must hold {{file}} (with ca.pem, cert.pem and key.pem)',
  },
  certStore: {
    bindNeedsDir: '"bind" needs a certificate directory',
    bindRemote: '"bind" is not valid for the remote engine {{engine}}; allowed there: volume or a host path',
  },
  cert: {
    notPem: '{{file}} is not a PEM certificate',
    keyUnusable:
      'domain.key is not an unencrypted PEM private key (the registry cannot use an encrypted key)',
    throughIntermediates: ', neither directly nor through the {{count}} intermediate certificate(s) after it',
    noAddress:
      'domain.crt names no address a client could use (it has {{sans}}); Docker clients read only IP and DNS SANs',
    noSanFor: 'domain.crt has no SAN for {{host}} (it has {{sans}}); Docker clients would refuse it',
    noSans: 'no SAN at all',
  },
  secrets: {
    key: "the registry's private key (domain.key)",
    keyAndHtpasswd: "the registry's private key (domain.key) and the htpasswd file",
    newKey: "the registry's new private key (domain.key)",
    password: 'the registry password (docker login for the round trip)',
  },
  plainTcp:
    "{{engine}} is a Docker engine without TLS: anything sent to it (the registry's domain.key, the htpasswd file) crosses the network in clear text, and anyone who can reach that port controls the engine.",
  reach: {
    noSocket: 'the socket does not exist',
    permission: 'permission denied on the socket',
    refused: 'connection refused',
    notFound: 'host name not found',
    sshAuth: 'SSH authentication failed',
    dialStdio: 'the SSH user cannot run "docker system dial-stdio" ({{detail}})',
    tls: 'TLS refused ({{detail}})',
    timeout: 'no answer within {{seconds}} s',
    other: '{{detail}}',
    hostKeyCheck: 'checking the SSH host key failed: {{detail}}',
  },
  fix: {
    noSocket: {
      neutral: 'Start Docker (systemctl start docker) or give the engine address.',
      cli: 'Start Docker (systemctl start docker) or give --docker-host.',
      gui: 'Start Docker (systemctl start docker) or choose where Docker runs in the Plan step.',
    },
    refused: {
      neutral: 'Check that dockerd is running and listening at that address.',
      cli: 'Check that dockerd is running and listening at that address.',
      gui: 'Check that dockerd is running and listening at that address.',
    },
    notFound: {
      neutral: 'Check the host name in the engine address.',
      cli: 'Check the host name in --docker-host.',
      gui: 'Check the host name of the engine in the Plan step.',
    },
    timeout: {
      neutral: 'Check the address, the firewall, and that the engine is running.',
      cli: 'Check the address, the firewall, and that the engine is running.',
      gui: 'Check the address, the firewall, and that the engine is running.',
    },
    other: {
      neutral: 'Check the engine address and that the engine is running.',
      cli: 'Check --docker-host and that the engine is running.',
      gui: 'Check where Docker runs in the Plan step and that the engine is running.',
    },
    tlsRefused: {
      neutral:
        'The engine refused the TLS connection: check that its CA signed its server certificate, that the server certificate covers this host name, and that the client pair is one it trusts.',
      cli: 'The engine refused the TLS connection: check that --tls-ca signed its server certificate, that the server certificate covers this host name, and that --tls-cert/--tls-key are a client pair it trusts.',
      gui: "The engine refused the TLS connection: check that the TLS folder's ca.pem signed its server certificate, that it covers this host name, and that cert.pem/key.pem are a client pair it trusts.",
    },
    tlsNeeded: {
      neutral: 'The engine expects TLS: give its CA and a client certificate and key.',
      cli: 'The engine expects TLS: give --tls-ca, --tls-cert and --tls-key.',
      gui: 'The engine expects TLS: give its TLS folder (ca.pem, cert.pem, key.pem) in the Plan step.',
    },
    dialStdio: {
      neutral: 'Install the docker CLI on the server and let the SSH user run it.',
    },
    hostKeyCheck: {
      neutral: 'Check the known_hosts files and the pinned fingerprint, then try again.',
    },
    tarUnreadable: { neutral: 'Give the path of a tar made with `docker save IMAGE -o FILE`.' },
    tarNotImage: {
      neutral:
        'Make the file on a machine with internet access: docker pull registry:2 && docker save registry:2 -o registry-2.tar',
    },
    copyHostPath: { neutral: 'The directory must be an absolute path the engine may create and write.' },
    copyVolume: { neutral: 'Check the engine has disk space.' },
    storageHostPath: {
      neutral:
        'Give the registry a writable directory: {{path}} must be on a writable file system (not a read-only mount) and writable by root in the container (with SELinux, label it: chcon -Rt container_file_t {{path}}). Then start it again, replacing the container.',
      cli: 'Give the registry a writable directory: {{path}} must be on a writable file system (not a read-only mount) and writable by root in the container (with SELinux, label it: chcon -Rt container_file_t {{path}}). Then run start again with --replace.',
      gui: 'Give the registry a writable directory: {{path}} must be on a writable file system (not a read-only mount) and writable by root in the container (with SELinux, label it: chcon -Rt container_file_t {{path}}). Then remove the registry and start it again.',
    },
    storageVolume: {
      neutral:
        "Check the engine's disk (docker system df) and the volume, then start it again, replacing the container.",
      cli: "Check the engine's disk (docker system df) and the volume, then run start again with --replace.",
      gui: "Check the engine's disk (docker system df) and the volume, then remove the registry and start it again.",
    },
  },
  hostKey: {
    otherTypes: '; known_hosts holds only {{types}} keys for it',
    holds: '{{where}} holds {{fingerprint}}',
    holdsOther: 'known_hosts holds another key',
  },
  tar: {
    unreadable: '{{path}} cannot be read',
    notImage: '{{path}} is not a Docker image archive (no manifest.json inside)',
    noTags: 'no tagged image',
  },
  image: {
    pullOff: 'pulling is switched off',
  },
  action: {
    listContainers: 'Listing containers',
    startContainer: 'Starting {{name}}',
    createContainer: 'Creating container {{name}}',
    removeContainer: 'Removing {{name}}',
    inspectContainer: 'Inspecting {{name}}',
    stopContainer: 'Stopping {{name}}',
    restartContainer: 'Restarting {{name}}',
    removeVolume: 'Removing volume {{name}}',
    lookUpVolume: 'Looking up volume {{name}}',
    createVolume: 'Creating volume {{name}}',
    lookUpImage: 'Looking up image {{image}}',
  },
  container: {
    madeByUs: ', made by Registry Wizard',
    publishedBy: 'published by container "{{name}}"',
    listening: 'another program listens on it',
    restarting: 'the container keeps restarting (exit code {{exitCode}})',
    stopped: 'the container is {{status}} (exit code {{exitCode}})',
    gone: 'the container is gone ({{detail}})',
  },
  target: {
    url: '{{url}}',
    via: '{{url}} (reached through {{connectHost}})',
    volume: 'volume {{name}}',
    hostPath: "{{path}} on the engine's host",
  },
  storage: {
    volume: 'volume {{name}}',
    hostPath: "host path {{path}} on the engine's host",
    keptHostPath: 'host path {{path}}',
  },
  health: {
    noAnswer: 'no healthy answer within {{seconds}} s',
    http: 'HTTP {{status}} from /v2/',
  },
  log: {
    lines: '\ncontainer log (last lines):\n{{lines}}',
    empty: '(empty)',
  },
  cleanup: {
    line: '\ncleanup: {{done}}',
    removed:
      'removed the container {{name}}{{volumes}} that this start created, so nothing is left running (the data volume stays).',
    andVolumes: ' and the volumes {{volumes}}',
    removeFailed:
      'removing the container {{name}} failed ({{detail}}); remove it with `registry remove --name {{name}}`.',
    stopped:
      'stopped the existing container {{name}} (it was reused and is not healthy); it was not removed.',
    alreadyStopped: 'the existing container {{name}} is already stopped; it was not removed.',
    stopFailed:
      'stopping the container {{name}} failed ({{detail}}); stop it with `registry stop --name {{name}}`.',
  },
  notice: {
    tarNotUsed:
      '{{image}} is already on the engine, so {{tar}} was not used (to load it from the tar, remove the image first: docker rmi {{image}})',
  },
} as const

/** Progress of registry start, replace and remove (step events the CLI prints and the GUI shows). */
export const dockerProgress = {
  preflight: 'checking the engine connection, the certificate, name, port and image',
  image: 'making sure {{image}} is on the engine',
  pull: '{{layer}}: {{status}}',
  pullStatus: '{{status}}',
  loadSending: 'sending {{path}}: {{percent}}%',
  loadEngine: '{{text}}',
  replaceOld: 'removing the old container {{name}}',
  replaceVolume: 'removed the volume {{volume}} the old container used and the new one does not',
  certs: 'copying domain.crt and domain.key to the engine',
  auth: 'writing the htpasswd file (bcrypt)',
  create: 'creating container {{name}}',
  start: 'starting {{name}}',
  health: 'waiting for {{target}}',
  storage: 'checking that the registry can write its storage',
  cleanup: '{{done}}',
  reuse: 'reusing the existing container {{name}}',
} as const

/** Preflight rows of the Registry step: titles, reasons, fixes (the GUI shows them; parameters are data). */
export const dockerPreflight = {
  title: {
    certs: 'Server certificate and key',
    engine: 'Docker engine',
    port: 'Port {{port}}',
    name: 'Container "{{name}}"',
  },
  certs: {
    ok: '{{subject}}, {{days}} days left',
    CERT_FILES_MISSING: 'the certificate folder is incomplete: {{path}} cannot be read ({{reason}})',
    CERT_KEY_MISMATCH: 'domain.key does not belong to domain.crt',
    CERT_EXPIRED: 'the server certificate has expired: {{notAfter}}',
    CERT_NOT_FROM_CA: 'the server certificate was not issued by ca.crt: {{caSubject}}',
    CERT_HOST_NOT_COVERED: 'the server certificate has no SAN for {{host}}: Docker clients would refuse it',
    noAddress: 'the server certificate names no address a client could use: {{sans}}',
    CERT_INVALID: 'the certificate files cannot be used: {{what}}',
    fix: 'Issue the server certificate again in the Certificates step.',
  },
  engine: {
    ok: 'Docker {{version}} ({{os}}/{{arch}})',
    fail: 'the engine cannot be used: {{detail}}',
    fix: 'Check where Docker runs in the Plan step and test the connection.',
    insecure: '{{engine}} has no TLS: the registry key and password file would be sent to it in clear text',
    insecureAllowed:
      'Docker {{version}} ({{os}}/{{arch}}) without TLS: the registry key and password file are sent in clear text',
    insecureFix:
      'Give the engine\'s TLS folder or use SSH in the Plan step; only if this network is trusted, tick "Allow an engine without TLS".',
  },
  port: {
    free: 'free',
    published: 'already published by container "{{by}}"',
    bound: 'another program on this machine listens on it',
    fix: 'Choose another port in the Plan step, or stop what uses port {{port}}.',
  },
  name: {
    free: 'name is free',
    exists: 'already exists ({{state}}, image {{image}})',
    existsFix: 'Starting will refuse; remove it with the Remove button below, or rename it first.',
  },
  other: { fail: '{{detail}}' },
} as const

/** What the `engine` and `registry` commands print: help texts, results, notes. */
export const dockerCli = {
  engine: {
    description: 'The Docker engine the registry runs on (local, ssh:// or tcp:// with TLS)',
    check: {
      description:
        'Connect to the engine within 5 s and report its version, API version and OS/arch, or why not',
      refusesPlainTcp:
        'registry start and replace-cert refuse it unless --insecure-engine is given; prefer TLS (--tls-ca, --tls-cert, --tls-key) or ssh://.',
      engine: 'engine       {{engine}}',
      version: 'version      {{version}} (API {{apiVersion}})',
      platform: 'platform     {{os}}/{{arch}}',
      kernel: 'kernel       {{kernel}}',
    },
    option: {
      dockerHost:
        'engine: unix:///var/run/docker.sock, tcp://HOST:2376, ssh://USER@HOST[:PORT] (default: DOCKER_HOST, then the local socket)',
      tlsCa: "CA certificate that signed the engine's TLS server certificate (tcp://)",
      tlsCert: 'client certificate for the engine (tcp://)',
      tlsKey: 'client key for the engine (tcp://)',
      sshKey: 'private key for ssh:// (default: ssh-agent from SSH_AUTH_SOCK)',
      sshPassphraseFile: 'passphrase of --ssh-key, on the first line of FILE',
      sshHostKeyFingerprint:
        'accept only this SSH host key (as `ssh-keygen -lf` prints it) instead of checking known_hosts',
      sshKnownHosts: 'known_hosts file to check the SSH host key against (default ~/.ssh/known_hosts)',
      insecureEngine:
        'allow a tcp:// engine WITHOUT TLS to receive the registry key and htpasswd file in clear text (refused otherwise)',
    },
    allowedInsecure: '(allowed by --insecure-engine)',
    tlsTriple: '{{given}} of 3 given',
    tlsTripleAllowed: 'give all three files for a TLS engine, or none',
  },
  registry: {
    description: 'Run and manage the registry container on a Docker engine',
    option: {
      name: 'container name',
      json: 'print the result as JSON',
      healthTimeout: 'how long to wait for a healthy answer',
    },
    start: {
      description:
        'Preflight, image (present, --image-tar, or pull), certificates to the engine, container, health check',
      certs: 'directory with domain.crt, domain.key and ca.crt (from `cert issue`)',
      port: 'host port',
      data: "storage as a host path on the engine's host",
      volume: 'storage as a named volume (default NAME-data)',
      image: 'registry image (registry:2 or registry:3)',
      imageTar: 'load the image from a `docker save` tar (offline)',
      user: 'htpasswd user (repeatable, each with --password-file)',
      passwordFile: 'password of the preceding --user, on the first line of FILE',
      deleteEnabled: 'allow deleting images through the API (REGISTRY_STORAGE_DELETE_ENABLED)',
      certStore: 'auto | bind | volume | host:/PATH (auto: bind locally, volume remotely)',
      registryHost:
        "address clients use, checked against the served certificate and reported (default: an address the certificate names; the check connects to the engine's host, 127.0.0.1 locally)",
      replace: 'replace an existing container with this name',
      reuse: 'reuse an existing container with this name',
      noPull: 'never pull; fail when the image is missing and no tar was given',
      healthy:
        'registry "{{name}}" is healthy at {{url}}/v2/ (HTTP {{status}} after {{ms}} ms, image {{image}} {{source}})',
      step: {
        preflight: 'preflight',
        image: 'image',
        pull: 'pull',
        load: 'load',
        reuse: 'reuse',
        replace: 'replace',
        certs: 'certs',
        auth: 'auth',
        create: 'create',
        start: 'start',
        health: 'health',
        storage: 'storage',
        cleanup: 'cleanup',
      },
      source: { present: 'present', loaded: 'loaded', pulled: 'pulled' },
      allowed: {
        certStore: "allowed: auto, bind, volume, host:/ABSOLUTE/PATH (a directory on the engine's host)",
        oneStorage: 'give one of --data PATH or --volume NAME',
        dataPath: "an absolute path on the engine's host is allowed (e.g. /var/lib/registry)",
        volumeName: 'allowed: a volume name of letters, digits and _ . -',
        usersFiles: 'give one --password-file after each --user',
        oneOf: 'give one of them',
      },
      both: 'both',
      dataAndVolume: '{{data}} and {{volume}}',
      usersAndFiles: '{{users}} users, {{files}} password files',
    },
    status: {
      description: "State, uptime, image, port, storage and the served certificate's expiry",
      name: 'name         {{name}}{{managed}}',
      notManaged: ' (not made by Registry Wizard)',
      state: 'state        {{state}}{{uptime}}{{restarts}}',
      uptime: ', up {{seconds}} s',
      restarts: ', {{count}} restarts',
      image: 'image        {{image}}',
      port: 'port         {{port}}',
      notPublished: '(not published)',
      storage: 'storage      {{kind}} {{source}}',
      noStorage: 'storage      (none)',
      certificate: 'certificate  {{subject}}, expires {{notAfter}} ({{days}} days left)',
      noCertificate: 'certificate  (not readable)',
    },
    logs: {
      description: "The container's log lines",
      tail: 'how many lines',
      follow: 'keep printing new lines until Ctrl+C',
    },
    stop: { description: 'Stop the registry container', done: 'stopped {{name}}' },
    restart: {
      description: 'Restart the registry container and check its health against the CA',
      certs: 'directory holding ca.crt, to verify the registry after the restart',
      registryHost:
        "address to check the served certificate against (default: one it names; the check connects to the engine's host)",
      done: 'restarted {{name}}: healthy (HTTP {{status}} after {{ms}} ms)',
    },
    remove: {
      description:
        'Remove the container (and its certificate/auth volumes); the image data stays unless --delete-data',
      deleteData: 'also delete the data volume (a host path is never deleted)',
      done: 'removed {{name}}',
      doneVolumes: 'removed {{name}} and volumes {{volumes}}',
      keptData: 'kept the data: {{data}}',
    },
    replaceCert: {
      description: 'Serve a new server certificate from the same CA and restart (clients need no new trust)',
      certs: 'directory with the new domain.crt, domain.key and the same ca.crt',
      registryHost: 'address clients use, checked against the new certificate (default: one it names)',
      done: '{{name}} now serves a certificate valid until {{notAfter}}; healthy (HTTP {{status}})',
    },
  },
} as const
