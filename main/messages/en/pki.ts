// Certificates (main/pki, main/fs, the `ca` and `cert` commands, the certificate step's handlers): error codes, the
// domain's rule texts (`pki`), lint findings (`lint`) and what `ca` / `cert` print (`cli.pki`).

const NOTHING = 'Nothing was changed.'
const CORRECT = `Correct {{field}} and try again. ${NOTHING}`
const BROWSE = `Choose the file with Browse. ${NOTHING}`

/** Error codes and their texts (front-end neutral: no --flags, no buttons). */
export const pkiErrors = {
  // Input files (main/fs/read-input): the value is the path as given, quoted.
  FILE_UNREADABLE: {
    message: '{{field}}: {{value}} is not valid; the file must exist and be readable ({{errno}})',
    hint: CORRECT,
  },
  FILE_NOT_REGULAR: {
    message: '{{field}}: {{value}} is not valid; it is not a regular file (a folder, device or pipe?)',
    hint: CORRECT,
  },
  FILE_PATH_RELATIVE: {
    message: '{{field}}: {{value}} is not valid; give the full path of the file (a relative path is refused)',
    hint: CORRECT,
  },
  INPUT_TOO_LARGE: {
    message:
      '{{field}}: {{value}} is not valid; the file is larger than {{max}}; give the PEM file itself (a certificate is a few KB)',
    hint: CORRECT,
  },
  SECRET_FILE_EMPTY: {
    message: '{{field}}: {{value}} is not valid; its first line is empty; put the secret on its first line',
    hint: CORRECT,
  },
  // PEM certificates (pki/pem, pki/open-ca)
  CERT_NOT_PEM: {
    message:
      '{{field}}: the file contents are not valid; a PEM certificate ("-----BEGIN CERTIFICATE-----") is required',
    hint: `Give a PEM certificate file ("-----BEGIN CERTIFICATE-----" blocks), e.g. as exported by openssl x509. ${NOTHING}`,
  },
  CERT_UNREADABLE: {
    message:
      '{{field}}: the PEM block (certificate {{position}}) is not a readable X.509 certificate ({{detail}})',
    hint: `Give {{field}} as PEM certificates ("-----BEGIN CERTIFICATE-----" blocks), e.g. as exported by openssl x509. ${NOTHING}`,
  },
  PEM_UNTERMINATED: {
    message:
      '{{field}}: the file contents are not valid; a certificate block has no "-----END CERTIFICATE-----" line',
    hint: CORRECT,
  },
  BUNDLE_TOO_MANY: {
    message:
      '{{field}}: the file contents are not valid; at most {{max}} certificates are allowed in one file',
    hint: `Give only the certificates from the issuing CA up to its root. ${NOTHING}`,
  },
  // Private keys and passphrases (pki/keys)
  KEY_NOT_PEM: {
    message:
      '{{field}}: the file contents are not valid; a PEM private key ("-----BEGIN ... PRIVATE KEY-----") is required',
    hint: CORRECT,
  },
  KEY_UNREADABLE: {
    message: '{{field}}: it is not a readable PEM private key ({{detail}})',
    hint: CORRECT,
  },
  PASSPHRASE_REQUIRED: {
    message: '{{field}}: the private key is encrypted and no passphrase was given',
    hint: 'Give the passphrase of the private key.',
  },
  WRONG_PASSPHRASE: {
    message: '{{field}}: the passphrase does not open the private key',
    hint: 'Check the passphrase and try again.',
  },
  PASSPHRASE_TOO_SHORT: {
    message:
      '{{field}}: the passphrase has {{length}} characters; use at least {{min}} characters (OpenSSL refuses shorter ones)',
    hint: CORRECT,
  },
  // Opening a CA (pki/open-ca, pki/issue-cert)
  NOT_A_CA: {
    message: '{{field}}: "{{subject}}" is not a CA (basicConstraints CA:TRUE is missing)',
    hint: 'Import the CA certificate that signs your server certificates, not a server certificate, or create a new CA.',
  },
  KEY_MISMATCH: {
    message: '{{field}}: the private key does not belong to the CA certificate (their public keys differ)',
    hint: 'Give the key file that was created together with this CA certificate.',
  },
  CA_KEY_UNSUPPORTED: {
    message:
      '{{field}}: the CA key is a {{keyType}} key; only RSA and ECDSA (P-256, P-384, P-521) CA keys can issue certificates',
    hint: 'Import an RSA or ECDSA CA, or create a new CA.',
  },
  KEY_TYPE_CONFLICT: {
    message:
      '{{field}}: {{keySize}} bits contradicts the key type {{keyType}} (a key size means an RSA key of that size)',
    hint: `Give the key type alone. ${NOTHING}`,
  },
  CA_EXPIRED: {
    message: '{{field}}: it expired on {{notAfter}}',
    hint: 'Create a new CA; every client will need to trust the new ca.crt.',
  },
  CA_NOT_YET_VALID: {
    message: '{{field}}: it is not valid before {{notBefore}}',
    hint: "Check this machine's clock.",
  },
  CA_CERT_MALFORMED: {
    message: '{{field}}: the CA certificate has no readable subject ({{detail}})',
    hint: 'Import the CA certificate again, or create a new CA.',
  },
  // A CA's chain (pki/ca-chain)
  CA_CHAIN_UNNEEDED: {
    message:
      '{{field}}: the CA certificate "{{subject}}" is a self-signed root, so it has no chain above it; {{count}} more certificate(s) were given',
    hint: `Give the chain only for an intermediate CA; for a root CA give its certificate alone. ${NOTHING}`,
  },
  CA_CHAIN_MISSING: {
    message:
      '{{field}}: the CA certificate "{{subject}}" is an intermediate CA (issued by "{{issuer}}"), and the certificates up to its root were not given: certificates issued from it would not verify on any client',
    hint: `Give the chain file (the intermediates above this CA, if any, then the root), or a certificate file that holds them after the CA certificate. ${NOTHING}`,
  },
  CA_DIR_CHAIN_MISSING: {
    message:
      '{{field}}: {{caDir}}: its ca.crt is an intermediate CA ("{{subject}}") and the folder holds no chain.crt up to the root: certificates issued from it would not verify on any client; nothing was changed',
    hint: 'Import the CA again with its chain file, replacing the CA in this folder.',
  },
  CA_CHAIN_TOO_LONG: {
    message:
      '{{field}}: the chain holds {{count}} certificates from the issuing CA to the root; at most {{max}} are allowed',
    hint: `Give only the certificates from the issuing CA up to its root. ${NOTHING}`,
  },
  CA_CHAIN_DUPLICATE: {
    message: '{{field}}: "{{subject}}" appears twice in the chain',
    hint: `Give each certificate once, from the issuing CA up to the root. ${NOTHING}`,
  },
  CA_CHAIN_ORDER: {
    message:
      '{{field}}: the chain is out of order: "{{child}}" is followed by "{{parent}}", which did not issue it (its issuer "{{issuer}}" comes elsewhere)',
    hint: `Order the chain from the issuing CA upwards: each certificate followed by the one that issued it, the root last. ${NOTHING}`,
  },
  CA_CHAIN_INCOMPLETE: {
    message:
      '{{field}}: the chain is incomplete: "{{child}}" was issued by "{{issuer}}", which is not the next certificate ("{{parent}}") nor anywhere in the chain',
    hint: `Add the missing issuer certificate: the chain must go from the issuing CA up to a self-signed root, each certificate followed by its issuer. ${NOTHING}`,
  },
  CA_CHAIN_NOT_CA: {
    message: '{{field}}: "{{subject}}" in the chain is not a CA (basicConstraints CA:TRUE is missing)',
    hint: `Give only CA certificates in the chain. ${NOTHING}`,
  },
  CA_CHAIN_NO_ROOT: {
    message:
      '{{field}}: the chain ends at "{{subject}}", which is not a self-signed root (it was issued by "{{issuer}}")',
    hint: `Add the certificates up to and including the root CA (the one clients must trust), the root last. ${NOTHING}`,
  },
  CA_CHAIN_EXPIRED: {
    message: '{{field}}: "{{subject}}" in the chain is {{state}}',
    hint: `Get the current certificates of the chain from whoever runs the root CA. ${NOTHING}`,
  },
  // CA and certificate folders (pki/ca-dir, pki/ca-files)
  ALREADY_EXISTS: {
    message: '{{what}} already exists: {{paths}}; nothing was changed',
    hint: 'Choose another folder, or replace it (the old files are kept as timestamped backups).',
  },
  CA_INCOMPLETE: {
    message:
      '{{field}}: {{dir}} holds ca.crt without a complete ca.key (an interrupted create or import of a CA); nothing was changed',
    hint: 'Replace it (the old files are kept as timestamped backups), or choose another folder.',
  },
  CA_DIR_NO_CA: {
    message: '{{field}}: "{{dir}}" is not valid; it holds no {{file}}: create a CA there first or import one',
    hint: `Create or import a CA in that folder, or give the folder that holds the CA. ${NOTHING}`,
  },
  CA_FILE_UNREADABLE: {
    message: '{{field}}: "{{dir}}" is not valid; {{file}} cannot be read ({{errno}})',
    hint: CORRECT,
  },
  OUT_OTHER_CA: {
    message:
      "{{field}}: {{path}} holds the certificate of another CA (SHA-256 {{fingerprint}}); writing this CA's root there would break what that folder is used for; nothing was changed",
    hint: 'Choose another folder, or replace it (the old ca.crt is kept as a timestamped backup).',
  },
  OUT_CA_UNREADABLE: {
    message:
      "{{field}}: {{path}} holds a file that is not a readable certificate; writing this CA's root there would break what that folder is used for; nothing was changed",
    hint: 'Choose another folder, or replace it (the old ca.crt is kept as a timestamped backup).',
  },
  OUT_IS_CA_DIR: {
    message:
      '{{field}}: {{outDir}} is the CA directory {{caDir}}{{link}}; the certificate folder must be apart from the CA key; nothing was changed',
    hint: 'Choose another folder for the certificate, e.g. one next to the CA folder.',
  },
  OUT_HOLDS_CA_KEY: {
    message:
      '{{field}}: {{outDir}} holds ca.key: it is a CA folder, and its ca.crt must stay the one that pairs with that key; nothing was changed',
    hint: 'Choose another folder for the certificate (one without a CA key).',
  },
  // Addresses (pki/names)
  SANS_REQUIRED: {
    message: '{{field}}: at least one IP address or DNS name is required',
    hint: `Give every IP address and DNS name clients will use. ${NOTHING}`,
  },
} as const

/** The CLI's own hints: the same fixes, with `ca` / `cert` flags and commands. */
export const pkiCliHints = {
  PASSPHRASE_REQUIRED: 'Give the passphrase (--passphrase-file FILE).',
  WRONG_PASSPHRASE: 'Check the passphrase file (one line, the passphrase only) and try again.',
  CA_CHAIN_MISSING: `Give the chain with --chain FILE (the intermediates above this CA, if any, then the root), or put them in the --cert file after the CA certificate. ${NOTHING}`,
  CA_DIR_CHAIN_MISSING:
    'Import the CA again with its chain: registry-wizard ca import --dir {{caDir}} --cert CA.crt --key CA.key --chain CHAIN.pem --force',
  ALREADY_EXISTS:
    'Choose another directory, or pass --force to replace it (the old files are kept as timestamped backups).',
  CA_INCOMPLETE:
    'Pass --force to replace it (the old files are kept as timestamped backups), or choose another directory.',
  CA_DIR_NO_CA: `Create a CA there first (registry-wizard ca create --dir {{dir}}) or import one (registry-wizard ca import). ${NOTHING}`,
  OUT_OTHER_CA:
    'Choose another --out folder, or pass --force to replace it (the old ca.crt is kept as a timestamped backup).',
  OUT_CA_UNREADABLE:
    'Choose another --out folder, or pass --force to replace it (the old ca.crt is kept as a timestamped backup).',
  OUT_IS_CA_DIR: 'Choose another --out folder, e.g. ./certs next to the CA folder.',
  OUT_HOLDS_CA_KEY: 'Choose another --out folder (one without a CA key).',
  KEY_TYPE_CONFLICT: `Give --key-type alone (--key-size N is the same as --key-type rsa-N). ${NOTHING}`,
  SANS_REQUIRED: `Give at least one --ip or --dns: every address clients use must be in the certificate. ${NOTHING}`,
} as const

/** The GUI's own hints: the same fixes, with the certificate step's controls. */
export const pkiGuiHints = {
  FILE_UNREADABLE: BROWSE,
  FILE_NOT_REGULAR: BROWSE,
  FILE_PATH_RELATIVE: BROWSE,
  INPUT_TOO_LARGE: BROWSE,
  PASSPHRASE_REQUIRED: 'Enter the passphrase of the CA key.',
  WRONG_PASSPHRASE: 'Check the passphrase of the CA key and try again.',
  CA_CHAIN_MISSING:
    'This CA is an intermediate CA: pick its chain in "Chain file (intermediates, then the root)" (the certificates above it, the root last), or choose a certificate file that holds the chain after the CA certificate.',
  CA_DIR_CHAIN_MISSING:
    'This folder holds an intermediate CA without its chain. Import the CA again under "Import a CA" with its chain file, into a new folder.',
  ALREADY_EXISTS:
    'Choose another folder, or confirm replacing what is there (the old files are kept as timestamped backups).',
  CA_INCOMPLETE:
    'Choose another folder, or confirm replacing what is there (the old files are kept as timestamped backups).',
  CA_DIR_NO_CA:
    'This folder holds no CA: create one under "Create a CA", import one under "Import a CA", or open another folder.',
  SANS_REQUIRED:
    "Add the registry's addresses in the Plan step: every address clients use must be in the certificate.",
} as const

/** Rule texts the domain gives as `allowed` (and other words inside its messages). */
export const pkiTexts = {
  file: {
    throughLink: ' (through a symbolic link)',
  },
  what: {
    ca: 'A CA',
    certOrKey: 'A certificate or key',
  },
  chain: {
    expiredSince: 'expired (since {{date}})',
    notValidBefore: 'not valid before {{date}}',
  },
  allowed: {
    keySize: 'allowed sizes are {{sizes}} bits',
    keyType: 'allowed key types are {{types}}',
    days: 'a whole number of days from 1 to {{max}} is allowed',
    leafDaysCa:
      'a whole number of days from 1 to {{max}} is allowed (a certificate cannot outlive its CA, which expires {{caExpires}})',
    leafDaysMax:
      'a whole number of days from 1 to {{max}} is allowed (longer server certificates are refused by Apple platforms and discouraged elsewhere)',
    commonName: 'a common name of 1 to 64 characters is required',
    max64: 'at most 64 characters are allowed',
    country: 'a two-letter upper-case country code (ISO 3166, e.g. CN, US) is allowed',
  },
  san: {
    ipRules:
      'an IPv4 address is four numbers 0-255 (e.g. 192.168.20.10); IPv6 is also allowed (e.g. fd00::10)',
    dnsRules:
      'a DNS name is labels of letters, digits and hyphens (1-63 characters each, not starting or ending with a hyphen, no spaces or underscores), 253 characters at most; a wildcard is allowed only as the whole left-most label (*.example.com)',
    empty: 'an IP address or DNS name is required; {{rules}}',
    ipv6: 'it is not a valid IPv6 address (no zone ids, no ports); {{rules}}',
    ipv4: 'it is not a valid IPv4 address; {{rules}}',
    tooLong: 'it is {{length}} characters long; {{rules}}',
    wildcard: 'a wildcard must be the whole left-most label; {{rules}}',
    labelTooLong: 'the label "{{label}}..." is {{length}} characters long; {{rules}}',
    emptyLabel: 'it has an empty label; {{rules}}',
    badLabel: 'the label "{{label}}" has a character or hyphen that is not allowed; {{rules}}',
    numericLast: 'a DNS name cannot end in an all-numeric label; {{rules}}',
  },
  hostPort: {
    ipv6Port: 'an IPv6 address with a port is written [ADDRESS]:PORT, e.g. [fd00::10]:5000',
    port: 'the port after ":" must be a whole number from 1 to 65535 (e.g. 192.168.20.10:5000)',
  },
} as const

/** Lint findings, by code (LintFinding.code; `detail` texts are parts of them). */
export const lintTexts = {
  CN_ONLY:
    'only the Common Name "{{commonName}}" names the server; Docker refuses it ("certificate relies on legacy Common Name field"): every IP and DNS name needs a SAN',
  NO_SAN: 'the certificate has no Subject Alternative Name: no client can match it to an address',
  IP_WITHOUT_IP_SAN: 'clients connect by IP {{ip}} but {{detail}}',
  HOST_NOT_COVERED: 'no SAN covers {{host}}',
  LEAF_TOO_LONG:
    'the certificate is valid for {{days}} days; over {{max}} days is refused by Apple platforms and discouraged elsewhere',
  SHA1: 'signed with {{algorithm}}; Go and modern clients reject SHA-1 signatures: re-issue with SHA-256',
  WEAK_KEY: 'the RSA key has {{bits}} bits; at least {{min}} are required',
  CA_NOT_SERVER:
    'this is a CA certificate: clients never match it to an address, so the host check does not apply to it; check the server certificate (domain.crt) against the host instead',
  LOOPBACK_ADDRESS:
    '{{address}} is a loopback address: Docker treats 127.0.0.0/8 as insecure, so a push over it proves nothing about trust; other machines cannot use it',
  detail: {
    noIpSan: `the certificate has no IP SAN (Docker: "doesn't contain any IP SANs")`,
    notAmong: 'it is not among the IP SANs ({{sans}})',
  },
} as const

/** What `ca` and `cert` print: help texts and result lines. */
export const pkiCli = {
  ca: {
    description: 'Create or import the certificate authority that signs the registry certificate',
    create: {
      description: 'Create a new CA: ca.crt and ca.key (0600) in DIR',
      dir: 'CA directory',
      cn: 'common name',
      org: 'organisation (O)',
      ou: 'organisational unit (OU)',
      country: 'two-letter country code (C)',
      state: 'state or province (ST)',
      locality: 'city (L)',
      days: 'validity in days (default 3650)',
      keyType: 'key type: ecdsa-p256 (default), rsa-2048, rsa-3072 or rsa-4096',
      keySize: 'RSA key size: 2048, 3072 or 4096 (the same as --key-type rsa-N)',
      passphraseFile: 'encrypt ca.key with the passphrase on the first line of FILE (AES-256)',
      force: 'replace an existing CA, keeping the old files as timestamped backups',
    },
    import: {
      description:
        'Import an existing CA (PEM certificate + key) after checking it; an intermediate CA with its chain up to the root',
      dir: 'CA directory to write',
      cert: 'CA certificate (PEM); for an intermediate CA it may hold the chain after it (intermediates, then the root)',
      chain:
        'for an intermediate CA: the certificates above it up to the root (PEM, nearest first, the root last)',
      key: 'CA private key (PEM: RSA or ECDSA; PKCS#1, SEC1 or PKCS#8, encrypted or not)',
      passphraseFile: 'passphrase of an encrypted key, on the first line of FILE',
    },
    created: 'Created CA in {{dir}}',
    imported: 'Imported CA in {{dir}}',
    line: {
      certificate: '  certificate  {{path}}',
      privateKey: '  private key  {{path}} (0600, never leaves this machine)',
      subject: '  subject      {{subject}}',
      expires: '  expires      {{date}}',
      sha256: '  SHA-256      {{fingerprint}}',
      chain: '  chain        {{path}} ({{count}} certificate(s) above ca.crt, the root last)',
      root: '  root         {{subject}} (SHA-256 {{fingerprint}}): the certificate clients trust',
    },
  },
  cert: {
    description: 'Issue and inspect certificates',
    issue: {
      description: 'Issue a server certificate (domain.crt, domain.key) or a client certificate from the CA',
      caDir: 'CA directory (ca.crt, ca.key)',
      out: 'output directory',
      ip: 'IP address clients use (repeatable)',
      dns: 'DNS name clients use (repeatable; *.example.com allowed)',
      days: 'validity in days (default 825, never past the CA)',
      client: 'issue a client certificate (clientAuth), e.g. for a Docker engine over TCP+TLS',
      keyType: 'key type of the certificate: ecdsa-p256 (default), rsa-2048, rsa-3072 or rsa-4096',
      keySize: 'RSA key size: 2048, 3072 or 4096 (the same as --key-type rsa-N)',
      passphraseFile: 'passphrase of the CA key, on the first line of FILE',
      force: 'replace existing files, keeping timestamped backups',
      ipNotDns: 'an IPv4 or IPv6 address is required here; put DNS names in --dns',
      dnsNotIp: 'a DNS name is required here; put IP addresses in --ip',
      usage: {
        server: 'server',
        client: 'client',
      },
      issued: 'Issued {{usage}} certificate for {{sans}}',
      line: {
        certificate: '  certificate  {{path}}',
        certificateChain:
          '  certificate  {{path}} (with the {{count}} intermediate CA certificate(s) the registry must send)',
        privateKey: '  private key  {{path}} (0600)',
        caCopy: '  CA copy      {{path}} (give clients this file only)',
        caCopyRoot: '  CA copy      {{path}} (the root, {{subject}}: give clients this file only)',
        expires: '  expires      {{date}}',
        sha256: '  SHA-256      {{fingerprint}}',
      },
    },
    inspect: {
      description: 'Show a certificate, lint it, and check that it covers a host (exit 1 when it does not)',
      file: 'PEM certificate',
      host: 'IP or DNS name clients will use, with or without :PORT ([IPv6]:PORT)',
      json: 'print {certificate, lint} as JSON',
      line: {
        subject: 'subject      {{subject}}',
        issuer: 'issuer       {{issuer}}',
        issuerSelfSigned: 'issuer       {{issuer}} (self-signed)',
        serial: 'serial       {{serial}}',
        sans: 'SANs         {{sans}}',
        sansNone: 'SANs         (none)',
        valid: 'valid        {{from}} .. {{to}} ({{state}})',
        sha256: 'SHA-256      {{fingerprint}}',
        signature: 'signature    {{algorithm}}',
        key: 'key          {{type}} {{bits}} bits',
        keyEc: 'key          ECDSA {{curve}}',
        ca: 'CA           {{answer}}',
        usage: 'usage        {{usage}}',
        usageAny: 'usage        (any)',
        coversYes: 'covers {{host}}: yes ({{san}})',
        coversNo: 'covers {{host}}: NO (no SAN matches; Docker never uses the CN)',
        error: 'ERROR: {{message}}',
        warning: 'warning: {{message}}',
      },
      expired: 'EXPIRED',
      daysLeft: '{{days}} days left',
      yes: 'yes',
      no: 'no',
    },
  },
  common: {
    json: 'print the result as JSON',
    backup: '  backup       {{path}}',
    removed: '  removed      {{path}} (left by an interrupted run)',
  },
} as const

/** The certificate step's key type control (gui.keys.*). */
export const pkiGui = {
  keyType: 'Key type',
  serverKeyType: 'Server certificate key type',
  option: {
    'ecdsa-p256':
      'ECDSA P-256 (recommended: instant, accepted by Docker, containerd, Podman, curl and the OS)',
    'rsa-2048': 'RSA 2048',
    'rsa-3072': 'RSA 3072',
    'rsa-4096': 'RSA 4096',
  },
  rsaHint: 'The RSA key is generated in the background while you fill in the rest of the form.',
  /** A certificate's key as the card shows it, named as the key type options name them. */
  name: {
    ec: 'ECDSA {{curve}}',
    rsa: 'RSA {{bits}}',
    other: '{{type}}',
  },
} as const
