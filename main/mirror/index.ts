// The Docker Hub pull-through mirror: a second registry:2 in proxy mode, and how to run it.
export * from './start-mirror'
