// The certificate file names, one set for main and the renderer (node-free: tsconfig.web.json includes it). The CA
// folder holds ca.crt, chain.crt and ca.key; a certificate folder holds the names the registry container mounts and
// Docker's certs.d reads.

/** The issuing CA's certificate (in the CA folder), and the root clients trust (in a certificate folder). */
export const CA_CERT_FILE = 'ca.crt'
/** The CA's private key: only in the CA folder, never in a certificate folder. */
export const CA_KEY_FILE = 'ca.key'
/** In the CA folder of an intermediate CA: the certificates above it, nearest first, the root last. */
export const CA_CHAIN_FILE = 'chain.crt'
/** The CA folder's record of what it issued: openssl ca's layout, and the same as JSON. */
export const INDEX_TXT_FILE = 'index.txt'
export const INDEX_JSON_FILE = 'index.json'
/** The server certificate (leaf, then any intermediates) and its key, as the registry container mounts them. */
export const SERVER_CERT_FILE = 'domain.crt'
export const SERVER_KEY_FILE = 'domain.key'
/** A client certificate and its key (a Docker engine over TCP+TLS). */
export const CLIENT_CERT_FILE = 'client.crt'
export const CLIENT_KEY_FILE = 'client.key'
