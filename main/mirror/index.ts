// The Docker Hub pull-through mirror: a second registry:2 in proxy mode, and how to run it.
export * from './start-mirror'
export * from './manage'
export * from './labels'
export { mirrorConfigYaml, UPSTREAM_CA_FILE, type ProxySettings } from './config'
export { normaliseUpstream, checkTtl } from './input'
export { registryVersion } from './ttl'
