/** Labels that mark a registry container as a pull-through mirror (beside docker/labels' LABEL_MANAGED and others). */
export const LABEL_ROLE = 'io.registry-wizard.role'
export const ROLE_MIRROR = 'mirror'
/** The upstream it proxies (`https://host[:port]`, never credentials). */
export const LABEL_UPSTREAM = 'io.registry-wizard.upstream'
/** 'true' when the container trusts an upstream CA file of its own (SSL_CERT_FILE). */
export const LABEL_UPSTREAM_CA = 'io.registry-wizard.upstream-ca'
/** The upstream user name ('' for none); the password stays in the configuration file only. */
export const LABEL_UPSTREAM_USER = 'io.registry-wizard.upstream-user'
/** The proxy TTL asked for ('' for the image's default). */
export const LABEL_TTL = 'io.registry-wizard.ttl'
