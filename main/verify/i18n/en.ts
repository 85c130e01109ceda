// English templates of every check title and reason. `{name}` is filled by renderMessage with a parameter: a string
// or number as it is, another message (rendered in the same language), or a list (joined with ", ").
// The texts are the English the checks have always printed: the diagnostics table matches some of them.
export const en = {
  'title.ca': 'CA certificate',
  'title.server-cert': 'Server certificate chains to the CA',
  'title.san': 'Address covered by a SAN (Go rules)',
  'title.dns': 'Name resolution',
  'title.tcp': 'TCP connection',
  'title.tls': 'TLS handshake trusting only our CA',
  'title.api': 'Registry API /v2/',
  'title.round-trip': 'Push and pull round trip',
  'title.catalog': 'Catalog of repositories and tags',
  'title.trust': "This machine's trust",

  'run.cancelled-before': 'cancelled before it ran',
  'run.cancelled-while': 'cancelled while running',
  'run.blocked': '{n}. {title} did not pass',
  'run.timeout': 'no result within {seconds} s',
  'run.unexpected': 'unexpected error: {error}',
  'check.ca-unreadable': 'the CA is not readable (check 1)',

  'ca.unreadable': 'the CA file is not a readable PEM certificate',
  'ca.not-ca': '"{subject}" is not a CA (basicConstraints CA:TRUE is missing)',
  'ca.expired': 'the CA expired on {date}',
  'ca.not-yet-valid': 'the CA is not valid before {date}',
  'ca.expiring': 'the CA expires in {days} days ({date})',
  'ca.ok': '{subject}, valid for {days} more days',

  'source.given': 'given',
  'source.served': 'served',
  'cert.none': 'no server certificate given, and the served one could not be read ({error})',
  'cert.unreadable': 'the server certificate is not a readable PEM certificate',
  'cert.not-from-ca': 'the {source} certificate was issued by "{issuer}", not by this CA',
  'cert.expired': 'the {source} certificate expired on {date}',
  'cert.not-yet-valid': 'the {source} certificate is not valid before {date}',
  'cert.expiring': 'the certificate expires in {days} days ({date})',
  'cert.ok': 'issued by the CA, valid for {days} more days, no lint findings',
  'cert.ok-chain':
    'issued by the CA through {intermediates}, every certificate valid for {days} more days or longer, no lint findings',
  'cert.chain-expired': 'the intermediate CA "{subject}" in the {source} chain expired on {date}',
  'cert.chain-not-yet-valid':
    'the intermediate CA "{subject}" in the {source} chain is not valid before {date}',
  'cert.chain-not-ca':
    '"{subject}" in the {source} chain signs the certificate but is not a CA (CA:TRUE is missing)',
  'cert.chain-expiring': 'the intermediate CA "{subject}" expires in {days} days ({date})',
  'cert.served-alone':
    'the registry serves only its own certificate, issued by "{issuer}", not by this CA: if "{issuer}" is an intermediate CA under this CA, the intermediate is missing: domain.crt must hold leaf + intermediates',
  'lint.LEAF_TOO_LONG': 'lint: {message}',
  'lint.SHA1': 'lint: {message}',
  'lint.WEAK_KEY': 'lint: {message}',
  'lint.other': 'lint: {message}',

  'san.covered': '{host} is covered by {san}',
  'san.covered-any': '{host} is covered by a SAN',
  'san.refused': 'Docker would refuse {host}: {error}',

  'dns.ip': '{host} is an IP address: no name to resolve',
  'dns.failed': '{host} does not resolve ({error})',
  'dns.empty': '{host} resolves to no address',
  'dns.mismatch': '{host} resolves to {addresses}, expected {expected}',
  'dns.mismatch-san': '{host} resolves to {addresses}, expected {expected} (the IP SANs of the certificate)',
  'dns.ok': '{host} resolves to {addresses}',

  'tcp.timeout': 'no answer from {target}',
  'tcp.failed': 'cannot connect to {target} ({error})',
  'tcp.ok': 'connected to {target} in {ms} ms',

  'tls.timeout': 'no TLS handshake before the timeout',
  'tls.mismatch': 'the registry serves {served}, not the certificate issued ({issued})',
  'tls.mismatch-none': 'the registry serves no certificate, not the certificate issued ({issued})',
  'tls.ok': '{protocol} {cipher}, serving {fingerprint}, the certificate issued',
  'tls.ok-unchecked': '{protocol} {cipher}, serving {fingerprint} (no issued certificate given to compare)',
  'tls.failed': 'TLS with only our CA failed: {error}',
  'tls.intermediate-missing':
    'the registry serves only its own certificate; the intermediate {missing} is missing: domain.crt must hold leaf + intermediates ({error})',
  'tls.intermediate-missing-some':
    'the registry serves {served} certificates; the intermediate {missing} is missing: domain.crt must hold leaf + intermediates ({error})',
  'tls.served-alone':
    'TLS with only our CA failed: {error}; the registry serves only its own certificate, issued by "{issuer}": if that is an intermediate CA under this CA, domain.crt must hold leaf + intermediates',

  'api.failed': 'GET /v2/ failed: {error}',
  'api.status': 'GET /v2/ answered HTTP {status}',
  'api.no-header': 'GET /v2/ answered HTTP {status} without the Docker-Distribution-Api-Version header',
  'api.ok': 'HTTP 200, {version}, authentication off',
  'api.auth-on': 'auth on',
  'api.auth-needed':
    'HTTP 401 ({challenge}): authentication is on and no credentials were given, so login, push and catalog cannot be checked',
  'api.auth-failed': 'GET /v2/ with credentials failed: {error}',
  'api.bad-credentials': 'HTTP 401 again with the credentials of "{user}"',
  'api.auth-status': 'GET /v2/ with credentials answered HTTP {status}',
  'api.ok-auth': 'HTTP 401 then 200 with the credentials of "{user}", {version}',

  'rt.not-requested': 'not requested: the push/pull round trip runs only when asked for',
  'rt.no-engine': 'no Docker engine given for the round trip',
  'rt.push-failed': 'docker push {ref} failed: {error}',
  'rt.pull-failed': 'docker pull {ref} failed: {error}',
  'rt.no-digest': 'no digest',
  'rt.digest-mismatch': 'the pulled image has {pulled}, the push reported {pushed}',
  'rt.deleted': ', deleted from the registry ({tag})',
  'rt.delete-off':
    ' (delete is off in the registry: the self-test tag {tag} stays; every run overwrites this one tag)',
  'rt.delete-status': ' (delete answered HTTP {status}: the self-test tag {tag} stays)',
  'rt.delete-failed': ' (delete failed: {error}; the self-test tag {tag} stays)',
  'rt.loopback':
    'push, pull and digest {digest} matched{note}, but {host} is loopback: dockerd treats it as an insecure registry, so this run does not prove client trust',
  'rt.ok': 'pushed, pulled back, digest {digest} matches{note}',
  'rt.stopped': 'round trip stopped after [{steps}]: {error}',
  'rt.step.made': 'made',
  'rt.step.pushed': 'pushed',
  'rt.step.removed': 'removed',
  'rt.step.pulled': 'pulled',
  'rt.step.compared': 'compared',

  'catalog.failed': 'GET /v2/_catalog failed: {error}',
  'catalog.unauthorized':
    'GET /v2/_catalog answered HTTP 401: authentication is on and no valid credentials were given',
  'catalog.status': 'GET /v2/_catalog answered HTTP {status}',
  'catalog.tags-failed': 'GET /v2/{name}/tags/list failed: {error}',
  'catalog.ok': '{repositories} repositories, {tags} tags',
  'catalog.ok-capped': '{repositories} repositories, {tags} tags (tags listed for the first {max})',

  'trust.platform-unknown': 'no trust locations known for {platform}',
  'trust.no-certs-d': 'no Docker certs.d location for this platform',
  'trust.os.present': '; OS store: {where}',
  'trust.os.missing': '; not in the OS store ({where})',
  'trust.os.unread': '; the {platform} store (not read by verify)',
  'trust.ok': 'Docker trusts the CA in {path}{os}',
  'trust.ok-no-os': 'Docker trusts the CA in {path}{os} (curl and other tools will not trust it)',
  'trust.other-ca': '{dir} holds another CA ({files}), not this one',
  'trust.folder-with-ca': '{name} (with this CA)',
  'trust.wrong-folder':
    'no {folder} folder in {certsD}, but {which}: Docker uses only the folder named exactly {folder}',
  'trust.missing': '{path} does not exist: Docker on this machine does not trust the CA for {registry}{os}',
  'trust.loopback':
    '{registry} is a loopback address: dockerd treats 127.0.0.0/8 as an insecure registry, so Docker on this machine needs no trust for it{os}; clients on other machines need ca.crt for the address they use',
} as const

export type MessageId = keyof typeof en
