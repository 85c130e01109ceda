import type { ErrorEntry } from './types'

/**
 * Known failures, most specific first: Docker / Go / x509 message texts and Node error codes, each with the step its
 * fix names. The words (title, explanation, fix) are in the catalogue: `explain.CODE` in main/messages/{en,zh-CN}/
 * verify.ts. Messages were taken from real runs (Docker 20.10, Go's crypto/x509, Node 20, the registry:2 API);
 * tests/verify checks each against a real run.
 */
export const ERROR_TABLE: readonly ErrorEntry[] = [
  {
    code: 'ENGINE_UNREACHABLE',
    step: 'docker-engine',
    codes: ['ENGINE_UNREACHABLE'],
    patterns: [
      /Cannot connect to the Docker daemon/i,
      /(ENOENT|EACCES|ECONNREFUSED).*docker\.sock/i,
      /docker\.sock.*(no such file|permission denied|connection refused)/i,
    ],
  },
  {
    code: 'LEGACY_CN',
    step: 'certificates',
    codes: ['LEGACY_CN', 'CN_ONLY'],
    patterns: [/relies on legacy Common Name field/i, /certificate is not valid for any names/i],
  },
  {
    code: 'NO_IP_SANS',
    step: 'certificates',
    codes: ['NO_IP_SANS', 'IP_WITHOUT_IP_SAN'],
    patterns: [/doesn't contain any IP SANs/i, /does not contain any IP SANs/i],
  },
  {
    code: 'HOST_MISMATCH',
    step: 'certificates',
    codes: ['ERR_TLS_CERT_ALTNAME_INVALID', 'HOST_MISMATCH', 'HOST_NOT_COVERED'],
    patterns: [
      /certificate is valid for .*, not /i,
      /Hostname\/IP does not match certificate's altnames/i,
      /is not in the cert's list/i,
    ],
  },
  {
    code: 'CERT_EXPIRED',
    step: 'certificates',
    codes: [
      'CERT_HAS_EXPIRED',
      'CERT_NOT_YET_VALID',
      'CERT_EXPIRED',
      'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
    ],
    patterns: [
      /certificate has expired or is not yet valid/i,
      /certificate has expired/i,
      /certificate is not yet valid/i,
    ],
  },
  {
    code: 'CA_WRONG_EXTENSION',
    step: 'trust',
    codes: ['CA_WRONG_EXTENSION'],
    patterns: [/missing key .* for client certificate/i, /CA certificates should use the extension \.crt/i],
  },
  {
    code: 'SELF_SIGNED_SERVER',
    step: 'certificates',
    codes: ['DEPTH_ZERO_SELF_SIGNED_CERT'],
    patterns: [/self[- ]signed certificate$/i, /DEPTH_ZERO_SELF_SIGNED_CERT/],
  },
  {
    code: 'WRONG_PURPOSE',
    step: 'certificates',
    codes: ['INVALID_PURPOSE'],
    patterns: [/unsuitable certificate purpose/i, /certificate specifies an incompatible key usage/i],
  },
  {
    code: 'UNKNOWN_AUTHORITY',
    step: 'trust',
    codes: [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'CERT_SIGNATURE_FAILURE',
      'UNKNOWN_AUTHORITY',
    ],
    patterns: [
      /certificate signed by unknown authority/i,
      /unable to verify the first certificate/i,
      /unable to get (local )?issuer certificate/i,
      /self[- ]signed certificate in certificate chain/i,
    ],
  },
  {
    code: 'PLAIN_HTTP',
    step: 'registry',
    codes: ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'PLAIN_HTTP'],
    patterns: [
      /server gave HTTP response to HTTPS client/i,
      /wrong version number/i,
      /packet length too long/i,
      /first record does not look like a TLS handshake/i,
    ],
  },
  {
    code: 'HTTP_TO_HTTPS',
    step: 'trust',
    codes: [],
    patterns: [/client sent an HTTP request to an HTTPS server/i, /HTTP request to an HTTPS server/i],
  },
  {
    code: 'NO_BASIC_AUTH',
    step: 'login',
    codes: ['NO_BASIC_AUTH'],
    patterns: [/no basic auth credentials/i],
  },
  {
    code: 'BAD_CREDENTIALS',
    step: 'login',
    codes: ['BAD_CREDENTIALS'],
    patterns: [/incorrect username or password/i, /invalid username\/password/i],
  },
  {
    code: 'AUTH_REQUIRED',
    step: 'login',
    codes: ['AUTH_REQUIRED'],
    patterns: [/unauthorized: authentication required/i, /\bUNAUTHORIZED\b/, /401 Unauthorized/i],
  },
  {
    code: 'CONNECTION_REFUSED',
    step: 'registry',
    codes: ['ECONNREFUSED'],
    patterns: [/connection refused/i, /ECONNREFUSED/],
  },
  {
    code: 'NAME_NOT_FOUND',
    step: 'network',
    codes: ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENODATA'],
    patterns: [
      /no such host/i,
      /server misbehaving/i,
      /Temporary failure in name resolution/i,
      /getaddrinfo/i,
    ],
  },
  {
    code: 'TIMEOUT',
    step: 'network',
    codes: ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TIMEOUT'],
    patterns: [
      /i\/o timeout/i,
      /context deadline exceeded/i,
      /Client\.Timeout exceeded/i,
      /no route to host/i,
      /timed out/i,
      /no answer within/i,
    ],
  },
  {
    code: 'CONNECTION_RESET',
    step: 'registry',
    codes: ['ECONNRESET', 'EPIPE'],
    patterns: [/connection reset by peer/i, /socket hang up/i],
  },
  {
    code: 'FINGERPRINT_MISMATCH',
    step: 'registry',
    codes: ['FINGERPRINT_MISMATCH'],
    patterns: [],
  },
  {
    code: 'CERT_NOT_FROM_CA',
    step: 'certificates',
    codes: ['CERT_NOT_FROM_CA'],
    patterns: [],
  },
  {
    code: 'CA_INVALID',
    step: 'certificates',
    codes: ['CA_INVALID', 'NOT_A_CA', 'CA_NOT_A_CA'],
    patterns: [],
  },
  {
    code: 'CERT_EXPIRING',
    step: 'certificates',
    codes: ['CERT_EXPIRING', 'CA_EXPIRING'],
    patterns: [],
  },
  {
    code: 'CERT_LINT',
    step: 'certificates',
    codes: ['CERT_LINT', 'LEAF_TOO_LONG', 'SHA1', 'WEAK_KEY'],
    patterns: [],
  },
  {
    code: 'DNS_MISMATCH',
    step: 'network',
    codes: ['DNS_MISMATCH'],
    patterns: [],
  },
  {
    code: 'NOT_A_REGISTRY',
    step: 'registry',
    codes: ['NOT_A_REGISTRY'],
    patterns: [/Docker-Distribution-Api-Version/i],
  },
  {
    code: 'LOOPBACK_INSECURE',
    step: 'trust',
    codes: ['LOOPBACK_INSECURE'],
    patterns: [],
  },
  {
    code: 'DIGEST_MISMATCH',
    step: 'registry',
    codes: ['DIGEST_MISMATCH'],
    patterns: [/digest did not match|manifest verification failed/i],
  },
  {
    code: 'DELETE_DISABLED',
    step: 'registry',
    codes: ['DELETE_DISABLED'],
    patterns: [/The operation is unsupported/i],
  },
  {
    code: 'TRUST_MISSING',
    step: 'trust',
    codes: ['TRUST_MISSING'],
    patterns: [],
  },
  {
    code: 'CERTS_D_WRONG_NAME',
    step: 'trust',
    codes: ['CERTS_D_WRONG_NAME'],
    patterns: [],
  },
  {
    code: 'TRUST_OTHER_CA',
    step: 'trust',
    codes: ['TRUST_OTHER_CA'],
    patterns: [],
  },
  {
    code: 'OS_STORE_MISSING',
    step: 'trust',
    codes: ['OS_STORE_MISSING'],
    patterns: [],
  },
  {
    code: 'NO_SPACE',
    step: 'registry',
    codes: ['ENOSPC'],
    patterns: [/no space left on device/i],
  },
  {
    code: 'ENGINE_SSH_HOST_UNKNOWN',
    step: 'docker-engine',
    codes: ['ENGINE_SSH_HOST_UNKNOWN'],
    patterns: [],
  },
  {
    code: 'ENGINE_SSH_HOST_CHANGED',
    step: 'docker-engine',
    codes: ['ENGINE_SSH_HOST_CHANGED', 'ENGINE_SSH_HOST_PIN_MISMATCH', 'ENGINE_SSH_HOST_REVOKED'],
    patterns: [],
  },
  {
    code: 'STORAGE_NOT_WRITABLE',
    step: 'registry',
    codes: ['STORAGE_NOT_WRITABLE'],
    patterns: [/read-only file system/i],
  },
]
