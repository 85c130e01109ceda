// The registry as a Docker Swarm service (main/cluster/swarm): errors, engine actions, progress, CLI.

export const swarmErrors = {
  SWARM_NOT_MANAGER: {
    message:
      'The engine {{engine}} is not a Swarm manager ({{state}}): a registry service is created on a manager.',
    hint: 'Use a manager of the swarm (docker node ls shows them), or start the registry as a single container.',
  },
  SWARM_SERVICE_EXISTS: {
    message: 'A Swarm service named "{{name}}" already exists.',
    hint: 'Choose another name, remove that service first, or replace it.',
  },
  SWARM_SERVICE_NOT_FOUND: {
    message: 'No Swarm service named "{{name}}" on the engine {{engine}}.',
    hint: 'Check the name and the engine, or start the registry as a Swarm service first.',
  },
  SWARM_TASKS_FAILED: {
    message:
      'The service "{{name}}" has {{running}} of {{replicas}} tasks running after {{seconds}} s; the engine says: {{errors}}',
    hint: 'Check that every node can run the image and publish the port (docker service ps {{name}}).',
  },
  SWARM_STORAGE_NOT_WRITABLE: {
    message: '{{target}}: the registry cannot write its storage (HTTP {{httpStatus}}): {{detail}}',
    hint: 'Check the volume (or the S3 bucket and its credentials) the service uses.',
  },
  SWARM_UPDATE_FAILED: {
    message:
      'The rolling update of "{{name}}" ended as {{state}}: {{detail}}. The service runs what it ran before.',
    hint: 'docker service ps {{name}} shows why the new tasks failed.',
  },
  SWARM_UPDATE_TIMEOUT: {
    message: 'The rolling update of "{{name}}" did not finish within {{seconds}} s (state: {{state}}).',
    hint: 'Check the tasks (docker service ps {{name}}) and allow more time.',
  },
  SWARM_CERT_NOT_SERVED: {
    message:
      'After the update, port {{port}} of "{{name}}" serves the certificate {{served}}, not the new one {{expected}}.',
    hint: 'Check that every task of the service was replaced (docker service ps {{name}}).',
  },
  SWARM_OPTION_NEEDS_SWARM: {
    message: '{{field}} applies only to a registry started as a Swarm service.',
    hint: 'Add the Swarm choice, or leave the option out.',
  },
  SWARM_OPTION_NOT_FOR_SWARM: {
    message:
      '{{field}} does not apply to a Swarm service (certificates and passwords go in as secrets, storage on a named volume or S3).',
    hint: 'Leave the option out for a Swarm service.',
  },
  SWARM_S3_INCOMPLETE: {
    message: 'S3 storage needs a bucket, a region and both key files; missing: {{missing}}.',
    hint: 'Give all of them, or none for a named volume.',
  },
  SWARM_HOST_PORT_REPLICAS: {
    message:
      'Host mode with the fixed port {{port}} runs at most one task per node, and only {{nodes}} node(s) can run this service (ready, active, matching its placement) for {{replicas}} replicas.',
    hint: 'Run at most {{nodes}} replicas or add nodes; or publish on port 0 (a port per task) behind a load balancer that follows the tasks; or use ingress mode (the routing mesh).',
  },
} as const

export const swarmCliHints = {
  SWARM_NOT_MANAGER:
    'Point --docker-host at a manager (docker node ls), run `docker swarm init` for a one-node swarm, or start without --swarm.',
  SWARM_SERVICE_EXISTS: 'Use --replace to replace it (its data volume is kept), or another --name.',
  SWARM_OPTION_NEEDS_SWARM: 'Add --swarm, or leave {{field}} out.',
  SWARM_OPTION_NOT_FOR_SWARM: 'Leave {{field}} out with --swarm.',
  SWARM_S3_INCOMPLETE:
    'Give --s3-bucket, --s3-region, --s3-access-key-file and --s3-secret-key-file together.',
  SWARM_HOST_PORT_REPLICAS:
    'Use --replicas {{nodes}} or fewer, or --publish-mode host --port 0 behind a load balancer that follows the tasks, or --publish-mode ingress.',
} as const

export const swarmGuiHints = {
  SWARM_NOT_MANAGER: 'Choose a Swarm manager in the Docker step, or the single container.',
  SWARM_SERVICE_EXISTS: 'Tick "Replace" to replace it (its data volume is kept).',
  SWARM_HOST_PORT_REPLICAS:
    'Set Replicas to {{nodes}} or fewer, or choose "Routing mesh" for the published port.',
} as const

/** Domain words: the engine actions of engineCallFailed, states, notices. */
export const swarmTexts = {
  action: {
    info: 'read the engine information',
    createSecret: 'create the secret {{name}}',
    createConfig: 'create the config {{name}}',
    inspectService: 'inspect the service {{name}}',
    updateService: 'update the service {{name}}',
    createNetwork: 'create the network {{name}}',
    createService: 'create the service {{name}}',
    removeService: 'remove the service {{name}}',
    listNodes: 'list the nodes of the swarm',
  },
  state: {
    worker: 'a worker node',
    notInSwarm: 'not in a swarm: {{state}}',
    unknown: 'unknown',
  },
  notice: {
    imageById:
      '{{image}} has no repository digest (it was loaded, not pulled): the service runs it by ID {{id}}, so every node needs the same image loaded.',
    noProbe:
      'No health probe for the architecture {{arch}}: the tasks run without a healthcheck, so a rolling update cannot wait for a new task to answer.',
    stopFirst:
      "Updates are stop-first: host mode holds port {{port}} on each node and {{nodes}} node(s) leave no spare one, so during a restart or certificate replacement each node's task is down for a few seconds. For zero downtime add a node per replica updated at once, or publish on port 0 behind a load balancer that follows the tasks, or use ingress mode.",
  },
} as const

export const swarmProgress = {
  swarmStart: {
    preflight: 'Checking the engine is a Swarm manager',
    image: 'Image on the manager',
    secrets: 'Certificate, key, configuration and passwords as Swarm secrets',
    probe: 'Health probe as a Swarm config',
    network: 'Network of the service',
    redis: 'Redis cache service',
    service: 'Creating the service',
    tasks: 'Waiting for {{replicas}} healthy tasks',
    health: 'Checking /v2/ against our CA',
    storage: 'Checking the storage is writable',
  },
  swarmReplaceCert: {
    check: 'Reading the service and the certificate it serves',
    order: 'Choosing the update order from the nodes',
    pair: 'Checking the new pair (issued from the CA when asked)',
    secrets: 'New certificate and key as new secrets',
    update: 'Rolling update (health-gated)',
    verify: 'Checking every endpoint serves the new certificate',
    keep: 'Writing the new pair into the certificate folder (the old files kept as backups)',
    retire: 'Removing the old secrets',
  },
} as const

export const swarmCli = {
  option: {
    swarm: 'run as a Docker Swarm service (the engine must be a manager)',
    replicas: 'number of tasks (with --swarm; default 2)',
    publishMode:
      'ingress (routing mesh on every node, default) or host (each task on its node; port 0: a port per task)',
    volumeDriver:
      'volume driver of the data volume (with --swarm; e.g. local with --volume-opt type=nfs,...)',
    volumeOpt: 'a driver option KEY=VALUE of the data volume (repeatable)',
    s3Bucket: 'S3 bucket for the storage instead of a volume (with --swarm)',
    s3Region: 'S3 region',
    s3Endpoint: 'S3 endpoint for a non-AWS service (https://HOST:PORT)',
    s3AccessKeyFile: 'file with the S3 access key (goes into a Swarm secret)',
    s3SecretKeyFile: 'file with the S3 secret key (goes into a Swarm secret)',
    redisImage: 'a Redis image you have: run it as the blob-descriptor cache service NAME-redis',
  },
  allowed: {
    publishMode: 'ingress or host',
    volumeOpt: 'KEY=VALUE',
  },
  started:
    'Registry service {{name}} is healthy: {{url}} ({{replicas}} replicas, {{mode}}, updates {{order}}, /v2/ answered {{status}} in {{ms}} ms)',
  secrets: 'Secrets: {{secrets}}',
  endpoint: '  task endpoint {{host}}:{{port}}',
  status: {
    service: 'Service:     {{name}} ({{id}})',
    replicas: 'Replicas:    {{running}} of {{replicas}} running{{update}}',
    update: ', last update {{state}}',
    image: 'Image:       {{image}}',
    port: 'Port:        {{port}} ({{mode}})',
    task: '  task {{slot}} {{state}} on node {{node}}{{port}}{{error}}',
    secrets: 'Secrets:     {{secrets}}',
    certificate: 'Certificate: {{subject}}, valid until {{notAfter}} ({{days}} days), sha256 {{fingerprint}}',
    noCertificate: 'Certificate: no answer on the published port',
  },
  removed:
    'Removed the service {{name}} with {{services}}; secrets: {{secrets}}; configs: {{configs}}; networks: {{networks}}',
  keptVolume: 'The data stays in the volume {{volume}} (--delete-data removes it on this node).',
  replaced:
    'Service {{name}} serves the new certificate (valid until {{notAfter}}); sha256 {{previous}} -> {{fingerprint}}; update order {{order}}; removed {{retired}}',
  none: 'none',
} as const
