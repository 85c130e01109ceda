import type {
  swarmCli as enCli,
  swarmCliHints as enCliHints,
  swarmErrors as enErrors,
  swarmGuiHints as enGuiHints,
  swarmProgress as enProgress,
  swarmTexts as enTexts,
} from '../en/swarm'
import type { Texts } from '../types'

export const swarmErrors = {
  SWARM_NOT_MANAGER: {
    message: '引擎 {{engine}} 不是 Swarm 管理节点（{{state}}）：镜像仓库服务只能在管理节点上创建。',
    hint: '请使用集群的管理节点（docker node ls 可列出），或以单个容器启动镜像仓库。',
  },
  SWARM_SERVICE_EXISTS: {
    message: '已存在名为“{{name}}”的 Swarm 服务。',
    hint: '请换一个名称、先删除该服务，或替换它。',
  },
  SWARM_SERVICE_NOT_FOUND: {
    message: '引擎 {{engine}} 上没有名为“{{name}}”的 Swarm 服务。',
    hint: '请检查名称和引擎，或先以 Swarm 服务启动镜像仓库。',
  },
  SWARM_TASKS_FAILED: {
    message:
      '服务“{{name}}”在 {{seconds}} 秒后只有 {{running}}/{{replicas}} 个任务在运行；引擎报告：{{errors}}',
    hint: '请确认每个节点都能运行该镜像并发布该端口（docker service ps {{name}}）。',
  },
  SWARM_STORAGE_NOT_WRITABLE: {
    message: '{{target}}：镜像仓库无法写入其存储（HTTP {{httpStatus}}）：{{detail}}',
    hint: '请检查服务使用的卷（或 S3 存储桶及其凭据）。',
  },
  SWARM_UPDATE_FAILED: {
    message: '“{{name}}”的滚动更新以 {{state}} 结束：{{detail}}。服务仍运行更新前的版本。',
    hint: 'docker service ps {{name}} 会显示新任务失败的原因。',
  },
  SWARM_UPDATE_TIMEOUT: {
    message: '“{{name}}”的滚动更新未在 {{seconds}} 秒内完成（状态：{{state}}）。',
    hint: '请检查任务（docker service ps {{name}}）并留出更多时间。',
  },
  SWARM_CERT_NOT_SERVED: {
    message: '更新后，“{{name}}”的端口 {{port}} 提供的证书是 {{served}}，而不是新证书 {{expected}}。',
    hint: '请检查服务的每个任务是否都已替换（docker service ps {{name}}）。',
  },
  SWARM_OPTION_NEEDS_SWARM: {
    message: '{{field}} 只适用于以 Swarm 服务启动的镜像仓库。',
    hint: '请选择 Swarm 方式，或去掉该选项。',
  },
  SWARM_OPTION_NOT_FOR_SWARM: {
    message: '{{field}} 不适用于 Swarm 服务（证书和密码以机密（secret）方式提供，存储使用命名卷或 S3）。',
    hint: 'Swarm 服务请去掉该选项。',
  },
  SWARM_S3_INCOMPLETE: {
    message: 'S3 存储需要存储桶、区域和两个密钥文件；缺少：{{missing}}。',
    hint: '请全部提供，或全部不提供而使用命名卷。',
  },
  SWARM_HOST_PORT_REPLICAS: {
    message:
      '主机模式使用固定端口 {{port}} 时每个节点最多运行一个任务，而能运行此服务的节点（就绪、可用且符合放置约束）只有 {{nodes}} 个，却要求 {{replicas}} 个副本。',
    hint: '请把副本数降到 {{nodes}} 个以内或增加节点；或在跟随任务的负载均衡器后面使用端口 0（每个任务各用一个端口）；或使用 ingress 模式（路由网格）。',
  },
} as const satisfies Texts<typeof enErrors>

export const swarmCliHints = {
  SWARM_NOT_MANAGER:
    '请将 --docker-host 指向管理节点（docker node ls），或运行 `docker swarm init` 建立单节点集群，或不带 --swarm 启动。',
  SWARM_SERVICE_EXISTS: '使用 --replace 替换它（数据卷保留），或换一个 --name。',
  SWARM_OPTION_NEEDS_SWARM: '请加上 --swarm，或去掉 {{field}}。',
  SWARM_OPTION_NOT_FOR_SWARM: '使用 --swarm 时请去掉 {{field}}。',
  SWARM_S3_INCOMPLETE: '请同时提供 --s3-bucket、--s3-region、--s3-access-key-file 和 --s3-secret-key-file。',
  SWARM_HOST_PORT_REPLICAS:
    '请使用 --replicas {{nodes}} 或更少，或在跟随任务的负载均衡器后面使用 --publish-mode host --port 0，或使用 --publish-mode ingress。',
} as const satisfies Texts<typeof enCliHints>

export const swarmGuiHints = {
  SWARM_NOT_MANAGER: '请在 Docker 步骤中选择 Swarm 管理节点，或选择单个容器。',
  SWARM_SERVICE_EXISTS: '勾选“替换”以替换它（数据卷保留）。',
  SWARM_HOST_PORT_REPLICAS: '请把“副本数”设为 {{nodes}} 或更少，或将发布端口改为“路由网格”。',
} as const satisfies Texts<typeof enGuiHints>

export const swarmTexts = {
  action: {
    info: '读取引擎信息',
    createSecret: '创建机密 {{name}}',
    createConfig: '创建配置 {{name}}',
    inspectService: '查看服务 {{name}}',
    updateService: '更新服务 {{name}}',
    createNetwork: '创建网络 {{name}}',
    createService: '创建服务 {{name}}',
    removeService: '删除服务 {{name}}',
    listNodes: '列出集群的节点',
  },
  state: {
    worker: '工作节点',
    notInSwarm: '未加入集群：{{state}}',
    unknown: '未知',
  },
  notice: {
    imageById:
      '{{image}} 没有仓库摘要（它是加载的，而非拉取的）：服务按 ID {{id}} 运行它，因此每个节点都需要加载同一镜像。',
    noProbe:
      '没有适用于架构 {{arch}} 的健康探针：任务在没有健康检查的情况下运行，滚动更新无法等待新任务应答。',
    stopFirst:
      '更新将先停止旧任务：主机模式在每个节点上占用端口 {{port}}，而 {{nodes}} 个节点没有空闲的节点，因此在重启或更换证书期间，每个节点的任务会中断几秒钟。若要零中断：为每个同时更新的副本增加一个节点，或在跟随任务的负载均衡器后面使用端口 0，或使用 ingress 模式。',
  },
} as const satisfies Texts<typeof enTexts>

export const swarmProgress = {
  swarmStart: {
    preflight: '检查引擎是否为 Swarm 管理节点',
    image: '管理节点上的镜像',
    secrets: '将证书、私钥、配置和密码存为 Swarm 机密',
    probe: '将健康探针存为 Swarm 配置',
    network: '服务的网络',
    redis: 'Redis 缓存服务',
    service: '创建服务',
    tasks: '等待 {{replicas}} 个健康的任务',
    health: '用我们的 CA 检查 /v2/',
    storage: '检查存储是否可写',
  },
  swarmReplaceCert: {
    check: '读取服务及其当前提供的证书',
    order: '根据节点选择更新顺序',
    pair: '检查新证书对（需要时由 CA 签发）',
    secrets: '将新证书和私钥存为新的机密',
    update: '滚动更新（以健康检查为准）',
    verify: '检查每个端点都提供新证书',
    keep: '将新证书对写入证书文件夹（旧文件保留为备份）',
    retire: '删除旧机密',
  },
} as const satisfies Texts<typeof enProgress>

export const swarmCli = {
  option: {
    swarm: '以 Docker Swarm 服务运行（引擎必须是管理节点）',
    replicas: '任务数（配合 --swarm；默认 2）',
    publishMode:
      'ingress（每个节点上的路由网格，默认）或 host（每个任务在其节点上；端口 0：每个任务一个端口）',
    volumeDriver: '数据卷的卷驱动（配合 --swarm；例如 local 加 --volume-opt type=nfs,...）',
    volumeOpt: '数据卷的驱动选项 KEY=VALUE（可重复）',
    s3Bucket: '用 S3 存储桶代替卷作为存储（配合 --swarm）',
    s3Region: 'S3 区域',
    s3Endpoint: '非 AWS 服务的 S3 端点（https://主机:端口）',
    s3AccessKeyFile: '含 S3 访问密钥的文件（存入 Swarm 机密）',
    s3SecretKeyFile: '含 S3 私密密钥的文件（存入 Swarm 机密）',
    redisImage: '你已有的 Redis 镜像：将其作为 blob 描述符缓存服务 NAME-redis 运行',
  },
  allowed: {
    publishMode: 'ingress 或 host',
    volumeOpt: 'KEY=VALUE',
  },
  started:
    '镜像仓库服务 {{name}} 运行正常：{{url}}（{{replicas}} 个副本，{{mode}}，更新顺序 {{order}}，/v2/ 在 {{ms}} 毫秒内应答 {{status}}）',
  secrets: '机密：{{secrets}}',
  endpoint: '  任务端点 {{host}}:{{port}}',
  status: {
    service: '服务：    {{name}}（{{id}}）',
    replicas: '副本：    {{running}}/{{replicas}} 个在运行{{update}}',
    update: '，上次更新 {{state}}',
    image: '镜像：    {{image}}',
    port: '端口：    {{port}}（{{mode}}）',
    task: '  任务 {{slot}} {{state}}，节点 {{node}}{{port}}{{error}}',
    secrets: '机密：    {{secrets}}',
    certificate: '证书：    {{subject}}，有效期至 {{notAfter}}（{{days}} 天），sha256 {{fingerprint}}',
    noCertificate: '证书：    发布端口无应答',
  },
  removed: '已删除服务 {{name}} 及 {{services}}；机密：{{secrets}}；配置：{{configs}}；网络：{{networks}}',
  keptVolume: '数据保留在卷 {{volume}} 中（--delete-data 会在本节点上删除它）。',
  replaced:
    '服务 {{name}} 已提供新证书（有效期至 {{notAfter}}）；sha256 {{previous}} -> {{fingerprint}}；更新顺序 {{order}}；已删除 {{retired}}',
  none: '无',
} as const satisfies Texts<typeof enCli>
