// Verification (main/verify) and the explanations of known failures (main/diagnostics), in English.
//   verify    check titles, reasons (`verify.tcp.ok`), the default fix per check, the names of the steps to redo
//   explain   a known failure by its code: title, explanation, fix (front-end neutral: steps, no flags) and, where the
//             CLI says it with its own commands and flags, cliFix
//   cli.verify  what `registry-wizard verify` prints (help, status words, summary)
//   request   what an IPC request's fields must be (zod's findings, shown as INVALID_INPUT's `allowed`)
// The reasons are the English the checks have always printed: the diagnostics table matches some of them.
export const verifyTexts = {
  title: {
    ca: 'CA certificate',
    'server-cert': 'Server certificate chains to the CA',
    san: 'Address covered by a SAN (Go rules)',
    dns: 'Name resolution',
    tcp: 'TCP connection',
    tls: 'TLS handshake trusting only our CA',
    api: 'Registry API /v2/',
    'round-trip': 'Push and pull round trip',
    catalog: 'Catalog of repositories and tags',
    trust: "This machine's trust",
  },
  run: {
    'cancelled-before': 'cancelled before it ran',
    'cancelled-while': 'cancelled while running',
    blocked: '{{n}}. {{title}} did not pass',
    timeout: 'no result within {{seconds}} s',
    unexpected: 'unexpected error: {{error}}',
  },
  check: {
    'ca-unreadable': 'the CA is not readable (check 1)',
  },
  ca: {
    unreadable: 'the CA file is not a readable PEM certificate',
    'not-ca': '"{{subject}}" is not a CA (basicConstraints CA:TRUE is missing)',
    expired: 'the CA expired on {{date}}',
    'not-yet-valid': 'the CA is not valid before {{date}}',
    expiring: 'the CA expires in {{days}} days ({{date}})',
    ok: '{{subject}}, valid for {{days}} more days',
  },
  served: {
    none: 'the server sent no certificate',
    timeout: 'no answer within {{seconds}} s',
  },
  source: {
    given: 'given',
    served: 'served',
  },
  cert: {
    none: 'no server certificate given, and the served one could not be read ({{error}})',
    unreadable: 'the server certificate is not a readable PEM certificate',
    'not-from-ca': 'the {{source}} certificate was issued by "{{issuer}}", not by this CA',
    expired: 'the {{source}} certificate expired on {{date}}',
    'not-yet-valid': 'the {{source}} certificate is not valid before {{date}}',
    expiring: 'the certificate expires in {{days}} days ({{date}})',
    ok: 'issued by the CA, valid for {{days}} more days, no lint findings',
    'ok-chain':
      'issued by the CA through {{intermediates}}, every certificate valid for {{days}} more days or longer, no lint findings',
    'chain-expired': 'the intermediate CA "{{subject}}" in the {{source}} chain expired on {{date}}',
    'chain-not-yet-valid':
      'the intermediate CA "{{subject}}" in the {{source}} chain is not valid before {{date}}',
    'chain-not-ca':
      '"{{subject}}" in the {{source}} chain signs the certificate but is not a CA (CA:TRUE is missing)',
    'chain-expiring': 'the intermediate CA "{{subject}}" expires in {{days}} days ({{date}})',
    'served-alone':
      'the registry serves only its own certificate, issued by "{{issuer}}", not by this CA: if "{{issuer}}" is an intermediate CA under this CA, the intermediate is missing: domain.crt must hold leaf + intermediates',
  },
  lint: {
    LEAF_TOO_LONG:
      'lint: the certificate is valid for {{days}} days; over {{max}} days is refused by Apple platforms and discouraged elsewhere',
    SHA1: 'lint: signed with {{algorithm}}; Go and modern clients reject SHA-1 signatures: re-issue with SHA-256',
    WEAK_KEY: 'lint: the RSA key has {{bits}} bits; at least {{min}} are required',
    other: 'lint ({{code}}): {{message}}',
  },
  san: {
    covered: '{{host}} is covered by {{san}}',
    'covered-any': '{{host}} is covered by a SAN',
    refused: 'Docker would refuse {{host}}: {{error}}',
  },
  dns: {
    ip: '{{host}} is an IP address: no name to resolve',
    failed: '{{host}} does not resolve ({{error}})',
    empty: '{{host}} resolves to no address',
    mismatch: '{{host}} resolves to {{addresses}}, expected {{expected}}',
    'mismatch-san':
      '{{host}} resolves to {{addresses}}, expected {{expected}} (the IP SANs of the certificate)',
    ok: '{{host}} resolves to {{addresses}}',
  },
  tcp: {
    timeout: 'no answer from {{target}}',
    failed: 'cannot connect to {{target}} ({{error}})',
    ok: 'connected to {{target}} in {{ms}} ms',
  },
  tls: {
    timeout: 'no TLS handshake before the timeout',
    mismatch: 'the registry serves {{served}}, not the certificate issued ({{issued}})',
    'mismatch-none': 'the registry serves no certificate, not the certificate issued ({{issued}})',
    ok: '{{protocol}} {{cipher}}, serving {{fingerprint}}, the certificate issued',
    'ok-unchecked':
      '{{protocol}} {{cipher}}, serving {{fingerprint}} (no issued certificate given to compare)',
    failed: 'TLS with only our CA failed: {{error}}',
    'intermediate-missing':
      'the registry serves only its own certificate; the intermediate {{missing}} is missing: domain.crt must hold leaf + intermediates ({{error}})',
    'intermediate-missing-some':
      'the registry serves {{served}} certificates; the intermediate {{missing}} is missing: domain.crt must hold leaf + intermediates ({{error}})',
    'served-alone':
      'TLS with only our CA failed: {{error}}; the registry serves only its own certificate, issued by "{{issuer}}": if that is an intermediate CA under this CA, domain.crt must hold leaf + intermediates',
  },
  api: {
    failed: 'GET /v2/ failed: {{error}}',
    status: 'GET /v2/ answered HTTP {{status}}',
    'no-header': 'GET /v2/ answered HTTP {{status}} without the Docker-Distribution-Api-Version header',
    ok: 'HTTP 200, {{version}}, authentication off',
    'auth-on': 'auth on',
    'auth-needed':
      'HTTP 401 ({{challenge}}): authentication is on and no credentials were given, so login, push and catalog cannot be checked',
    'auth-failed': 'GET /v2/ with credentials failed: {{error}}',
    'bad-credentials': 'HTTP 401 again with the credentials of "{{user}}"',
    'auth-status': 'GET /v2/ with credentials answered HTTP {{status}}',
    'ok-auth': 'HTTP 401 then 200 with the credentials of "{{user}}", {{version}}',
  },
  rt: {
    'not-requested': 'not requested: the push/pull round trip runs only when asked for',
    'no-engine': 'no Docker engine given for the round trip',
    'push-failed': 'docker push {{ref}} failed: {{error}}',
    'pull-failed': 'docker pull {{ref}} failed: {{error}}',
    'no-digest': 'no digest',
    'digest-mismatch': 'the pulled image has {{pulled}}, the push reported {{pushed}}',
    deleted: ', deleted from the registry ({{tag}})',
    'delete-off':
      ' (delete is off in the registry: the self-test tag {{tag}} stays; every run overwrites this one tag)',
    'delete-status': ' (delete answered HTTP {{status}}: the self-test tag {{tag}} stays)',
    'delete-failed': ' (delete failed: {{error}}; the self-test tag {{tag}} stays)',
    loopback:
      'push, pull and digest {{digest}} matched{{note}}, but {{host}} is loopback: dockerd treats it as an insecure registry, so this run does not prove client trust',
    ok: 'pushed, pulled back, digest {{digest}} matches{{note}}',
    'api-ok':
      'pushed and pulled back by digest {{digest}} with our own client over TLS trusting only this CA ({{host}}), bytes match{{note}}',
    stopped: 'round trip stopped after [{{steps}}]: {{error}}',
    'timed-out': 'timed out',
    'no-stream': 'docker import returned no stream',
    step: {
      made: 'made',
      pushed: 'pushed',
      removed: 'removed',
      pulled: 'pulled',
      compared: 'compared',
    },
  },
  catalog: {
    failed: 'GET /v2/_catalog failed: {{error}}',
    unauthorized:
      'GET /v2/_catalog answered HTTP 401: authentication is on and no valid credentials were given',
    status: 'GET /v2/_catalog answered HTTP {{status}}',
    'tags-failed': 'GET /v2/{{name}}/tags/list failed: {{error}}',
    ok: '{{repositories}} repositories, {{tags}} tags',
    'ok-capped': '{{repositories}} repositories, {{tags}} tags (tags listed for the first {{max}})',
  },
  trust: {
    'platform-unknown': 'no trust locations known for {{platform}}',
    'no-certs-d': 'no Docker certs.d location for this platform',
    os: {
      present: '; OS store: {{where}}',
      missing: '; not in the OS store ({{where}})',
      unread: '; the {{platform}} store (not read by verify)',
    },
    ok: 'Docker trusts the CA in {{path}}{{os}}',
    'ok-no-os': 'Docker trusts the CA in {{path}}{{os}} (curl and other tools will not trust it)',
    'other-ca': '{{dir}} holds another CA ({{files}}), not this one',
    'folder-with-ca': '{{name}} (with this CA)',
    'wrong-folder':
      'no {{folder}} folder in {{certsD}}, but {{which}}: Docker uses only the folder named exactly {{folder}}',
    missing: '{{path}} does not exist: Docker on this machine does not trust the CA for {{registry}}{{os}}',
    loopback:
      '{{registry}} is a loopback address: dockerd treats 127.0.0.0/8 as an insecure registry, so Docker on this machine needs no trust for it{{os}}; clients on other machines need ca.crt for the address they use',
  },
  fix: {
    ca: 'Redo the Certificates step and give its ca.crt.',
    'server-cert': 'Redo the Certificates step to issue the server certificate.',
    san: 'Redo the Certificates step with the address as a SAN.',
    dns: 'Fix the DNS record or /etc/hosts entry for the registry name.',
    tcp: 'Check the address, the firewall and that the registry runs (Registry step).',
    tls: 'Check the certificate the registry serves (Registry step: replace the certificate).',
    api: 'Check the registry container and its log (Registry step).',
    'round-trip': 'Read the Docker message above; check the registry log (Registry step).',
    catalog: 'Check the registry container and its log (Registry step).',
    trust: 'Redo the Trust step on this machine.',
  },
  /** The step a fix sends the user back to (RedoStep). */
  step: {
    certificates: 'Certificates',
    registry: 'Registry',
    trust: 'Trust',
    login: 'Login',
    network: 'Network',
    'docker-engine': 'Docker engine',
  },
  /** What the explanations show for what the caller did not know. */
  placeholder: { registry: 'HOST:PORT', host: 'HOST', port: 'PORT' },
} as const

export const explainTexts = {
  INTERMEDIATE_MISSING: {
    title: 'The registry does not serve the intermediate CA',
    explanation:
      'The server certificate was issued by an intermediate CA under the root clients trust. Clients hold only the root, so the registry must send the intermediate with its own certificate; it sends its certificate alone.',
    fix: 'Make domain.crt hold the server certificate followed by the intermediate CA certificate(s) (cat server.crt intermediate.crt > domain.crt), then replace it in the Registry step. Clients keep trusting the root ca.crt only.',
    cliFix:
      'Make domain.crt hold the server certificate followed by the intermediate CA certificate(s) (cat server.crt intermediate.crt > domain.crt), then replace it in the Registry step (registry-wizard registry replace-cert --certs DIR). Clients keep trusting the root ca.crt only.',
  },
  SERVED_LEAF_ONLY: {
    title: 'The served certificate does not chain to this CA',
    explanation:
      'The registry sends only its own certificate, and this CA did not issue it: either it comes from an intermediate CA the registry does not send, or from another CA.',
    fix: 'If the certificate was issued by an intermediate CA under this root, make domain.crt hold the server certificate followed by the intermediates and replace it in the Registry step; give verification the issued domain.crt to have the missing intermediate named. Otherwise give the ca.crt that issued it, or redo the Certificates step.',
    cliFix:
      'If the certificate was issued by an intermediate CA under this root, make domain.crt hold the server certificate followed by the intermediates and replace it in the Registry step (registry-wizard registry replace-cert --certs DIR); give verify the issued domain.crt (--cert) to have the missing intermediate named. Otherwise give the ca.crt that issued it, or redo the Certificates step.',
  },
  INTERMEDIATE_INVALID: {
    title: 'An intermediate CA in the chain cannot be used',
    explanation:
      'A certificate between the server certificate and the root has expired, is not valid yet, or is not a CA (CA:TRUE): every client refuses the chain.',
    fix: 'Get a valid intermediate CA certificate from whoever runs the company CA, issue the server certificate from it again in the Certificates step (domain.crt: server certificate, then intermediates), and replace it in the Registry step.',
  },
  INTERMEDIATE_EXPIRING: {
    title: 'An intermediate CA expires soon',
    explanation:
      'Fewer than 30 days are left on an intermediate CA of the chain; after that every push and pull fails.',
    fix: 'Get the renewed intermediate CA certificate from whoever runs the company CA, put it after the server certificate in domain.crt, and replace it in the Registry step.',
  },
  ENGINE_UNREACHABLE: {
    title: 'The Docker engine cannot be reached',
    explanation:
      'No Docker engine answered at the address given (starting the registry and the push/pull round trip both need one).',
    fix: 'Start Docker (systemctl start docker), or give the right Docker engine address (ssh://USER@HOST or tcp://HOST:2376 with TLS), then try again.',
    cliFix:
      'Start Docker (systemctl start docker), or give the right --docker-host (ssh://USER@HOST or tcp://HOST:2376 with TLS), then try again.',
  },
  LEGACY_CN: {
    title: 'The certificate names the server only in its Common Name',
    explanation:
      'Docker and every Go client ignore the Common Name (CN); the address must be in a Subject Alternative Name (SAN). curl and browsers may still accept it, Docker will not.',
    fix: 'Redo the Certificates step: issue the server certificate with the address as a SAN (IP or DNS), then replace the certificate in the Registry step.',
  },
  NO_IP_SANS: {
    title: 'Clients connect by IP, but the certificate has no IP SAN',
    explanation:
      'When the registry is addressed by an IP address, Go clients match it only against IP entries of the Subject Alternative Name; a DNS entry or the CN holding the IP does not count.',
    fix: 'Redo the Certificates step with the IP address {{host}} as an IP SAN, then replace the certificate in the Registry step.',
    cliFix:
      'Redo the Certificates step with the IP address as an IP SAN (e.g. --ip {{host}}), then replace the certificate in the Registry step.',
  },
  HOST_MISMATCH: {
    title: 'The certificate does not cover the address clients use',
    explanation:
      'No Subject Alternative Name of the served certificate matches the host in the image reference.',
    fix: 'Redo the Certificates step with every IP and DNS name clients use as a SAN (including {{host}}), then replace the certificate in the Registry step; or use an address the certificate already covers.',
  },
  CERT_EXPIRED: {
    title: 'The certificate has expired (or is not valid yet)',
    explanation:
      "A certificate outside its validity period is refused by every client. If it is not valid yet, a machine's clock is wrong.",
    fix: 'Redo the Certificates step: issue a new server certificate from the same CA (clients keep trusting it), then replace it in the Registry step. Check the clocks of the server and the clients.',
  },
  CA_WRONG_EXTENSION: {
    title: 'The CA file in certs.d has the wrong extension',
    explanation:
      'Docker reads *.crt files in certs.d as CA roots and *.cert files as client certificates that need a matching *.key.',
    fix: 'Redo the Trust step: the CA must be named /etc/docker/certs.d/{{registry}}/ca.crt (extension .crt, not .cert).',
  },
  SELF_SIGNED_SERVER: {
    title: 'The registry serves a self-signed certificate',
    explanation:
      'The server certificate signs itself instead of being issued by your CA, so trusting the CA does not help.',
    fix: 'Redo the Certificates step: issue the server certificate from your CA, then replace it in the Registry step.',
  },
  WRONG_PURPOSE: {
    title: 'The registry serves a certificate that is not a server certificate',
    explanation:
      'The served certificate lacks serverAuth (extendedKeyUsage) or digitalSignature: often the CA certificate or a client certificate was mounted as domain.crt.',
    fix: 'Redo the Certificates step to issue a server certificate (usage server), then replace it in the Registry step.',
  },
  UNKNOWN_AUTHORITY: {
    title: 'The client does not trust the CA that signed the registry certificate',
    explanation:
      "The registry's certificate was not issued by a CA this client trusts: either the CA is not installed for this registry address, or the registry serves a certificate from another CA.",
    fix: 'Redo the Trust step on this client: install ca.crt as /etc/docker/certs.d/{{registry}}/ca.crt (Docker reads it on every push and pull, no restart). If it is installed already, the registry serves a certificate from another CA: redo the Certificates step and replace the certificate in the Registry step.',
  },
  PLAIN_HTTP: {
    title: 'The registry speaks plain HTTP, not HTTPS',
    explanation:
      'The registry answered without TLS: it was started without REGISTRY_HTTP_TLS_CERTIFICATE / REGISTRY_HTTP_TLS_KEY, or something else listens on the port.',
    fix: 'Redo the Registry step so it starts with the certificate and key (TLS on); do not add the registry to insecure-registries instead.',
  },
  HTTP_TO_HTTPS: {
    title: 'The client used plain HTTP against the HTTPS registry',
    explanation:
      'The client is set to talk HTTP to this registry (an old insecure-registries entry or an http:// URL).',
    fix: 'Remove {{registry}} from insecure-registries in /etc/docker/daemon.json (restart Docker), then redo the Trust step so HTTPS is trusted.',
  },
  NO_BASIC_AUTH: {
    title: 'The registry needs a login',
    explanation: 'Authentication is on, and the client sent no credentials.',
    fix: 'Log in on the client: docker login {{registry}} with a user created in the Registry step (verification takes the same user and password).',
    cliFix:
      'Log in on the client: docker login {{registry}} with a user created in the Registry step (for verify: --user NAME --password-file FILE).',
  },
  BAD_CREDENTIALS: {
    title: 'The user name or password is wrong',
    explanation: 'The registry refused the credentials sent.',
    fix: 'Check the user and password; to set a new one, redo the Registry step with the user (htpasswd, bcrypt).',
  },
  AUTH_REQUIRED: {
    title: 'Authentication required',
    explanation: 'The registry answered 401: authentication is on and the request had no valid credentials.',
    fix: 'Log in with docker login {{registry}} using a user created in the Registry step (verification takes the same user and password).',
    cliFix:
      'Log in with docker login {{registry}} (for verify: --user NAME --password-file FILE) using a user created in the Registry step.',
  },
  CONNECTION_REFUSED: {
    title: 'Nothing is listening on the registry port',
    explanation:
      'The host answered but refused the connection: the registry container is not running, or it publishes another port.',
    fix: 'Redo the Registry step (or check its status there) and check that it publishes port {{port}}.',
    cliFix:
      'Redo the Registry step (or `registry-wizard registry status` / `registry start`) and check that it publishes port {{port}}.',
  },
  NAME_NOT_FOUND: {
    title: 'The registry name does not resolve',
    explanation: 'DNS (or /etc/hosts) on this machine has no address for {{host}}.',
    fix: 'Add {{host}} to your DNS or to /etc/hosts on every client, or use the IP address (it must then be an IP SAN: Certificates step).',
  },
  TIMEOUT: {
    title: 'The registry does not answer',
    explanation:
      'Packets to {{registry}} go unanswered: a firewall drops them, the address is wrong, or the host is down.',
    fix: 'Open port {{port}}/tcp in the firewall of the registry host (firewalld, ufw, security group) and check the address; then run Verify again.',
  },
  CONNECTION_RESET: {
    title: 'The connection was cut',
    explanation:
      'The registry (or something in between, a proxy or firewall) closed the connection mid-request; a registry that is stopping does this too.',
    fix: 'Check that the registry keeps running (Registry step: status and logs) and that no proxy intercepts {{registry}}; run Verify again.',
  },
  FINGERPRINT_MISMATCH: {
    title: 'The registry serves an older certificate than the one issued',
    explanation:
      'The served certificate is not the one you issued: an old domain.crt is still mounted, or the container was not restarted after the change.',
    fix: 'Redo the Registry step with the new certificate (replace the certificate), which copies it and restarts the container.',
    cliFix:
      'Redo the Registry step with the new certificate (`registry-wizard registry replace-cert`), which copies it and restarts the container.',
  },
  CERT_NOT_FROM_CA: {
    title: 'The server certificate was not issued by this CA',
    explanation:
      'Clients trusting this CA will refuse the server certificate; a wrong CA file was given, or the certificate comes from another CA.',
    fix: 'Give the ca.crt that issued the certificate, or redo the Certificates step to issue the server certificate from this CA.',
  },
  CA_INVALID: {
    title: 'The CA file is not a usable CA certificate',
    explanation: 'The file is not a CA certificate (basicConstraints CA:TRUE), or it cannot be read as one.',
    fix: 'Give the ca.crt written in the Certificates step (not domain.crt), or redo the Certificates step to create a CA.',
  },
  CERT_EXPIRING: {
    title: 'A certificate expires soon',
    explanation: 'Fewer than 30 days are left; after that every push and pull fails.',
    fix: 'Redo the Certificates step before it expires (a new server certificate from the same CA needs no client change; a new CA must be trusted again by every client).',
  },
  CERT_LINT: {
    title: 'The certificate breaks a rule clients enforce',
    explanation:
      'The certificate core found a problem (signature algorithm, key size or lifetime) that some clients refuse.',
    fix: 'Redo the Certificates step with the defaults (SHA-256, RSA 2048+, at most 825 days), then replace the certificate in the Registry step.',
  },
  DNS_MISMATCH: {
    title: 'The name resolves to another host',
    explanation:
      '{{host}} resolves to addresses other than the registry host, so clients would reach a different machine.',
    fix: 'Correct the DNS record or /etc/hosts entry for {{host}} on the clients.',
  },
  NOT_A_REGISTRY: {
    title: 'Something else answers on the registry port',
    explanation:
      'The HTTPS server on {{registry}} did not answer /v2/ like a Docker registry (no Docker-Distribution-Api-Version header).',
    fix: 'Redo the Registry step on a free port, or stop what else listens on {{port}}.',
  },
  LOOPBACK_INSECURE: {
    title: 'A loopback push does not prove client trust',
    explanation:
      'dockerd always treats 127.0.0.0/8 as an insecure registry and skips certificate checks there, so this round trip succeeded without testing the CA.',
    fix: 'Run the push/pull round trip (Verify) on a client machine, with the address the clients use (an IP SAN or DNS name of the registry host).',
    cliFix:
      "Run the push/pull round trip (the app's Verify step, or registry-wizard verify --push) on a client machine, with the address the clients use (an IP SAN or DNS name of the registry host).",
  },
  DIGEST_MISMATCH: {
    title: 'The image pulled back is not the one pushed',
    explanation:
      'The digest after the pull differs from the digest of the push: the storage or a proxy in between changed the data.',
    fix: 'Check the registry storage (disk, permissions) in the Registry step and any proxy in front of {{registry}}; run Verify again.',
  },
  DELETE_DISABLED: {
    title: 'Deleting images is switched off',
    explanation:
      'The registry refuses DELETE (405) unless REGISTRY_STORAGE_DELETE_ENABLED=true; the self-test image stays in the registry.',
    fix: 'To let the self-test clean up, redo the Registry step with deleting images enabled.',
    cliFix: 'To let the self-test clean up, redo the Registry step with delete enabled (--delete-enabled).',
  },
  TRUST_MISSING: {
    title: "This machine's Docker does not trust the CA for this registry",
    explanation:
      'There is no /etc/docker/certs.d/{{registry}}/ca.crt holding this CA, so docker push and pull from this machine fail with "certificate signed by unknown authority".',
    fix: 'Redo the Trust step on this machine: it writes /etc/docker/certs.d/{{registry}}/ca.crt.',
  },
  CERTS_D_WRONG_NAME: {
    title: 'The certs.d folder name does not match the image reference',
    explanation:
      'Docker looks only in the folder named exactly HOST:PORT as written in the image reference; a folder for another port or without the port is not used for {{registry}}.',
    fix: 'Redo the Trust step for {{registry}}: it writes /etc/docker/certs.d/{{registry}}/ca.crt.',
  },
  TRUST_OTHER_CA: {
    title: 'certs.d holds a different CA for this registry',
    explanation:
      'The folder for {{registry}} exists but its CA is not the one given: an old CA from an earlier setup.',
    fix: 'Redo the Trust step, replacing the file there (the old file is kept as a backup).',
    cliFix: 'Redo the Trust step with --force to replace it (the old file is kept as a backup).',
  },
  OS_STORE_MISSING: {
    title: "The CA is not in this machine's OS store",
    explanation:
      'Docker trusts the registry through certs.d, but curl, skopeo and other tools read the OS store, which does not hold this CA.',
    fix: 'Redo the Trust step on this machine with the OS store target (then restart Docker so it re-reads the system roots).',
  },
  NO_SPACE: {
    title: 'The disk is full',
    explanation: 'The registry storage or the Docker data root has no space left.',
    fix: 'Free disk space on the registry host, or redo the Registry step with storage on a larger disk.',
  },
  ENGINE_SSH_HOST_UNKNOWN: {
    title: "The SSH server's host key is not known",
    explanation:
      'The Docker host answered over SSH with a host key that is in no known_hosts file, so it cannot be told apart from an impostor.',
    fix: 'Compare the fingerprint shown with the one on the Docker host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then add it (ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts) or accept that fingerprint for the engine, and check the Docker engine connection again.',
    cliFix:
      'Compare the fingerprint shown with the one on the Docker host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then add it (ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts) or pass --ssh-host-key-fingerprint, and check the Docker engine connection again.',
  },
  ENGINE_SSH_HOST_CHANGED: {
    title: "The SSH server's host key has changed or is revoked",
    explanation:
      'The Docker host presented a host key other than the one recorded for it (or one marked @revoked). Someone may be intercepting the connection, or the host was reinstalled.',
    fix: 'Do not connect until you know why: ask the host owner. If the host was reinstalled, remove the old line from known_hosts (ssh-keygen -R HOST) and add the new key, then check the Docker engine connection again.',
  },
  STORAGE_NOT_WRITABLE: {
    title: 'The registry cannot write to its storage',
    explanation:
      'The storage path or volume mounted at /var/lib/registry is read-only or not writable for the registry, so every push would fail.',
    fix: 'Redo the Registry step with a writable storage path (check the mount and its permissions on the registry host) or a named volume.',
  },
} as const

/** What `registry-wizard verify` prints. */
export const verifyCli = {
  description: 'Prove, check by check, that a client can use the registry; say how to fix what fails',
  option: {
    registry: 'the address clients use, as in image references (192.168.20.10:5000)',
    ca: 'the CA certificate clients trust (ca.crt)',
    cert: 'the server certificate issued (domain.crt): compared with the one served',
    push: 'run the push/pull round trip through the Docker engine',
    user: 'registry user (htpasswd auth), with --password-file',
    passwordFile: 'the password of --user, on the first line of FILE',
    expectIp: 'an address the registry name must resolve to (repeatable)',
    timeout: 'timeout of each check (the round trip gets 12 times as long)',
    trustRoot: "where check 10 reads this machine's trust (default /; e.g. a client's mounted root)",
    lang: 'output language: en or zh-CN (the same as the global --lang)',
    json: 'print the structured results as JSON',
  },
  status: { pass: 'pass', warn: 'warn', fail: 'FAIL', skipped: 'skip' },
  line: '{{title}}: {{reason}}',
  howToFix: 'How to fix:',
  summary: '{{pass}} passed, {{warn}} warnings, {{fail}} failed, {{skipped}} skipped',
  summaryCancelled: '{{pass}} passed, {{warn}} warnings, {{fail}} failed, {{skipped}} skipped (cancelled)',
  noPort: 'note: --registry {{registry}} has no port: clients reach it on 443',
  allowed: {
    values: 'allowed: {{values}}',
    both: 'give both --user and --password-file, or neither',
    pem: 'a PEM certificate file ({{file}}) is required',
  },
} as const

/** What an IPC request's field must be, by zod's issue code (INVALID_INPUT's `allowed`). */
export const requestTexts = {
  given: 'the value given',
  invalid_type: 'a value of type {{expected}} is required',
  too_small: {
    string: 'at least {{minimum}} characters are required',
    array: 'at least {{minimum}} entries are required',
    number: 'the smallest allowed is {{minimum}}',
  },
  too_big: {
    string: 'at most {{maximum}} characters are allowed',
    array: 'at most {{maximum}} entries are allowed',
    number: 'the largest allowed is {{maximum}}',
  },
  invalid_format: 'the format {{format}} is required',
  invalid_value: 'allowed: {{values}}',
  unrecognized_keys: 'unknown fields: {{keys}}',
  other: 'the value is not allowed',
} as const
