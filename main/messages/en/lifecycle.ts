// Certificates over time (main/lifecycle): renewing the served certificate and the CA, expiry rules, the monitoring
// check.

export const lifecycleErrors = {
  CA_RENEW_INTERMEDIATE: {
    message:
      '{{field}}: {{dir}} holds an intermediate CA (or a certificate that is not a self-signed CA); only a root CA is renewed here.',
    hint: 'Renew an intermediate CA with the CA above it, then import it again.',
  },
  RENEW_CA_UNKNOWN: {
    message:
      'None of the CAs this app knows issued the certificate "{{name}}" serves, so it cannot be renewed here.',
    hint: 'Open the CA that issued it, then renew again; a certificate from another CA is replaced, not renewed.',
  },
  CERT_FROM_PREVIOUS_CA: {
    message:
      '{{field}}: the certificate "{{name}}" serves was issued by the previous CA of {{dir}} (archived as {{previous}} when the CA was renewed), not by its current CA.',
    hint: 'Hand out the trust bundle with both CAs to every client first, then move the certificate to the new CA.',
  },
  RENEW_NO_PREVIOUS_CA: {
    message:
      '{{field}}: {{dir}} holds no previous CA (the ca.crt.bak-… a CA renewal archives), so there is no CA to move the served certificate from.',
    hint: 'Renew the CA first, or renew the certificate from the CA that issued it.',
  },
  RENEW_NOT_PREVIOUS_CA: {
    message:
      '{{field}}: neither the CA in {{dir}} nor a previous CA it archived ({{previous}}) issued the certificate "{{name}}" serves, so it cannot be moved to the new CA.',
    hint: 'Give the folder of the CA that issued the served certificate and was renewed since.',
  },
} as const

export const lifecycleCliHints = {
  RENEW_CA_UNKNOWN: 'Give the CA folder with registry-wizard registry renew-cert --ca-dir DIR.',
  CERT_FROM_PREVIOUS_CA:
    'Export the two-CA bundle (registry-wizard bundle export --ca {{dir}}/ca.crt --previous-ca {{previous}} --registry HOST:PORT --out DIR), install it on every client, then move: registry-wizard registry renew-cert --to-new-ca --ca-dir {{dir}}.',
  RENEW_NO_PREVIOUS_CA:
    'Run registry-wizard ca renew --ca-dir {{dir}} first, or leave out --to-new-ca to renew from the same CA.',
  RENEW_NOT_PREVIOUS_CA:
    'Give --ca-dir the folder of the CA that issued the served certificate (registry-wizard cert inspect shows its issuer).',
} as const

export const lifecycleGuiHints = {
  RENEW_CA_UNKNOWN:
    'Open its CA from the CAs on Home (Use), or use Replace the certificate in the Registry step.',
} as const

/** `cli.lifecycle.*`: what `registry renew-cert`, `ca renew` and `check` print, and their help. */
export const lifecycleCli = {
  renewCert: {
    description:
      "renew the registry's server certificate from the same CA: the same addresses (plus --ip/--dns), a new validity; the old pair comes back if any step fails",
    caDir: 'the CA folder that issued the certificate the registry serves',
    passphraseFile: "file holding the CA key's passphrase",
    days: 'days the renewed certificate is valid (default 825, never past the CA)',
    ip: 'an IP address to add to those of the certificate in use (repeatable)',
    dns: 'a DNS name to add to those of the certificate in use (repeatable)',
    done: 'Renewed the certificate of "{{name}}": the registry answers {{status}} with it.',
    sans: 'Addresses: {{sans}}',
    validity: 'Valid until: {{to}} (was {{from}})',
    fingerprint: 'SHA-256: {{fingerprint}}',
    clients: 'Clients need nothing new: the certificate comes from the CA they already trust.',
    toNewCa:
      "move the certificate to the CA folder's new CA after ca renew (it may come from the previous CA the folder archived); clients that trust only the previous CA fail afterwards, so hand out the two-CA bundle first",
    moving:
      'Moving the certificate of "{{name}}" to the new CA: clients need the trust bundle with both CAs before this (registry-wizard bundle export --previous-ca); those that trust only the previous CA fail after the move.',
    alreadyNew:
      'The certificate was already issued by the current CA of the folder: renewed from it, nothing moved.',
    moved:
      'Moved to the new CA: the certificate now comes from {{ca}} (before: the previous CA, {{previous}}).',
    previousOnlyRefused:
      'Checked after the move: a client that trusts only the previous CA is refused now; it needs the two-CA bundle (or the new CA).',
    previousOnlyAccepted:
      'Checked after the move: a client that trusts only the previous CA is still accepted (unexpected: check which CA issued the certificate).',
    bothAccepted: 'A client with the two-CA bundle is accepted.',
    bothRefused: 'A client with the two-CA bundle is refused: check the bundle and the served certificate.',
  },
  check: {
    description:
      'monitoring check for cron, Nagios, Icinga or Zabbix: served certificate and CA expiry, the registry answering /v2/, storage use; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN',
    registry: 'the registry as clients address it (HOST:PORT)',
    ca: 'the CA certificate clients trust (ca.crt)',
    warnDays: 'WARNING when the served certificate has fewer days left',
    critDays: 'CRITICAL when the served certificate or the CA has fewer days left',
    caWarnDays: 'WARNING when the CA has fewer days left',
    name: 'the registry container, for the storage check',
    maxUsagePercent:
      'CRITICAL when the file system holding the registry data is this full or more (percent; checks storage through the Docker engine)',
    timeout: 'seconds to wait for the registry',
    json: 'print the result as JSON (state, exitCode, items, perfdata)',
  },
  bundle: {
    previousCa:
      'the CA a renewal replaced (ca renew keeps it as ca.crt.bak-…): ca.crt then carries both for the overlap',
    previousSame: 'a different CA from --ca',
  },
  caRenew: {
    description:
      'renew the CA: a new key and certificate with the same subject; the old pair is archived beside it, and a trust bundle of both CAs covers the overlap',
    caDir: 'the CA folder (ca.crt, ca.key)',
    passphraseFile: "file holding the CA key's passphrase (the new key gets the same one)",
    days: 'days the new CA is valid (default 3650)',
    keyType:
      "key type of the new CA key: ecdsa-p256, rsa-2048, rsa-3072 or rsa-4096 (default: the current CA key's type)",
    keySize: 'RSA key size of the new CA key',
    done: 'Renewed the CA in {{dir}}.',
    newCa: 'New CA: {{subject}}, valid until {{notAfter}}, SHA-256 {{fingerprint}}',
    oldCa: 'Old CA (archived): {{path}}, valid until {{notAfter}}',
    next: 'Next: hand out a trust bundle carrying both CAs to every client (registry-wizard bundle export --ca {{path}} --previous-ca {{previous}} --registry HOST:PORT --out DIR); the registry keeps serving its certificate from the old CA, which works until {{until}}. Once every client has it, move the server certificate to the new CA: registry-wizard registry renew-cert --to-new-ca --ca-dir {{dir}} (the same addresses; the old certificate comes back if any step fails).',
  },
} as const

/** The domain's words (`lifecycle.*`): CA warnings and the check's item texts. */
export const lifecycleTexts = {
  caWarning: {
    CA_EXPIRES_SOON:
      'The CA ends in {{days}} days ({{notAfter}}): renew it now, so clients get the new CA while the old one still works.',
    CA_EXPIRED:
      'The CA ended on {{notAfter}}: clients refuse every certificate it issued. Renew the CA and hand out the new trust bundle.',
  },
  check: {
    allowed: {
      days: 'a whole number of days (0 or more)',
      critBelowWarn: 'at most the warning threshold ({{warnDays}} days)',
      percent: 'a whole percent from 1 to 100',
      hostPort: 'HOST:PORT, the port included',
    },
    ca: {
      ok: 'CA {{days}} days left',
      ending: 'CA ends in {{days}} days ({{notAfter}})',
      expired: 'CA expired on {{notAfter}}',
    },
    certificate: {
      ok: 'certificate {{days}} days left',
      ending: 'certificate ends in {{days}} days ({{notAfter}})',
      expired: 'certificate expired on {{notAfter}}',
      untrusted: 'the served certificate is not trusted with this CA: {{reason}}',
      unreachable: 'no TLS answer from {{host}}:{{port}}: {{reason}}',
    },
    registry: {
      ok: '/v2/ answered {{status}}',
      status: '/v2/ answered {{status}} (expected 200 or 401)',
      down: 'the registry does not answer at {{host}}:{{port}}: {{reason}}',
    },
    storage: {
      ok: 'storage {{percent}}% used (limit {{max}}%)',
      full: 'storage {{percent}}% used, at or over the limit of {{max}}%',
      unknown: 'storage use of "{{name}}" unknown: {{reason}}',
    },
  },
} as const

/** Step texts of the CA renewal job (`progress.renewCa.<step>`). */
export const lifecycleProgress = {
  renewCa: {
    open: 'Opening the CA',
    create: 'Creating the new CA key and certificate',
    archive: 'Archiving the old CA',
    write: 'Writing the new CA key and certificate',
  },
} as const

/** Home's certificate expiry and renewal (`gui.expiry.*`). */
export const lifecycleGui = {
  registries: 'Registries',
  registry: 'Registry',
  address: 'Address',
  served: 'Served certificate',
  noRegistries: 'No registry yet: start one in the Registry step.',
  notRunning: 'Not found on the engine',
  reading: 'Reading…',
  level: {
    ok: 'fine',
    watch: 'renew soon',
    soon: 'renew now',
    expired: 'expired',
  },
  daysLeft_one: '{{count}} day left',
  daysLeft_other: '{{count}} days left',
  renew: 'Renew',
  renewLabel: 'Renew the certificate of {{name}}',
  renewing: 'Renewing the certificate…',
  renewed: 'Renewed: valid until {{date}}. Clients need nothing new.',
  noCa: 'Open the CA that issued this certificate first (CAs above).',
  passphrase: 'CA passphrase',
} as const
