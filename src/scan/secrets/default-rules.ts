/**
 * Bulwark's default secret-scanning rules, in the gitleaks-compatible TOML format the loader reads.
 * Alibaba Cloud AccessKey pairs come from a composite rule: an `LTAI…` id with a 30-character
 * secret within 5 lines; an id alone is reported by its own rule (and dropped when the pair fired).
 * A user config with `[extend] useDefault = true` builds on these.
 */
export const BULWARK_DEFAULT_RULES = String.raw`
title = "Bulwark default secret rules"

[[allowlists]]
description = "placeholders, templating and binary or generated files"
paths = [
  '''(?i)\.(?:bmp|gif|jpe?g|png|ico|webp|svg|tiff?|eot|[ot]tf|woff2?|pdf|zip|gz|tgz|bz2|xz|7z|jar|war|class|exe|dll|so|dylib|o|a|pyc|wasm)$''',
  '''(?:^|/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|deno\.lock|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock)$''',
  '''(?:^|/)node_modules(?:/.*)?$''',
  '''(?:^|/)\.git$''',
]
regexes = [
  '''^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$''',
  '''^\{\{[ \t]*[\w ().|]+[ \t]*\}\}$''',
  '''^<[^>]{1,64}>$''',
  '''^(?i:x+|\*+|\.+|0+)$''',
]
stopwords = ["example", "xxxxxx", "placeholder", "changeme", "your_", "dummy", "redacted"]

[[rules]]
id = "alibaba-access-key-pair"
description = "Alibaba Cloud (or Bulwark) AccessKey id with its secret nearby: a working credential."
regex = '''\b(LTAI[A-Za-z0-9]{12,30})\b'''
keywords = ["ltai"]
entropy = 3
tags = ["alibaba", "access-key", "credential"]
[[rules.required]]
id = "alibaba-access-key-secret"
withinLines = 5

[[rules]]
id = "alibaba-access-key-id"
description = "Alibaba Cloud (or Bulwark) AccessKey id."
regex = '''\b(LTAI[A-Za-z0-9]{12,30})\b'''
keywords = ["ltai"]
entropy = 3
tags = ["alibaba", "access-key"]

[[rules]]
id = "alibaba-access-key-secret"
description = "A 30-character AccessKey secret (only reported next to an AccessKey id)."
regex = '''(?:^|[^A-Za-z0-9+/_-])([A-Za-z0-9]{30})\b'''
secretGroup = 1
entropy = 3.5
skipReport = true
tags = ["alibaba", "access-key-secret"]

[[rules]]
id = "alibaba-sts-access-key-id"
description = "Alibaba Cloud (or Bulwark) STS temporary AccessKey id."
regex = '''\b(STS\.[A-Za-z0-9]{16,64})\b'''
keywords = ["sts."]
entropy = 3
tags = ["alibaba", "sts", "access-key"]

[[rules]]
id = "alibaba-sts-security-token"
description = "Alibaba Cloud (or Bulwark) STS security token."
regex = '''\b(CAIS[A-Za-z0-9+/]{60,}={0,2})'''
keywords = ["cais"]
entropy = 4
tags = ["alibaba", "sts"]

[[rules]]
id = "bulwark-root-key"
description = "Bulwark root key (BULWARK_ROOT_KEY) that seals every secret at rest."
regex = '''(?i)bulwark_root_key["']?\s*(?:=|:|:=)\s*["']?([A-Za-z0-9+/]{43}=)'''
secretGroup = 1
keywords = ["bulwark_root_key"]
tags = ["bulwark"]

[[rules]]
id = "bulwark-access-key-secret"
description = "Bulwark AccessKey secret in an environment assignment."
regex = '''(?i)bulwark_access_key_secret["']?\s*(?:=|:|:=)\s*["']?([A-Za-z0-9]{30})\b'''
secretGroup = 1
keywords = ["bulwark_access_key_secret"]
tags = ["bulwark", "access-key-secret"]

[[rules]]
id = "private-key"
description = "PEM private key."
regex = '''(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----'''
keywords = ["-----begin"]
tags = ["private-key"]

[[rules]]
id = "database-url-password"
description = "Database or broker URL with an embedded password."
regex = '''(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|oracle)://[^:/\s@'"]{1,128}:([^@/\s'"]{3,128})@[^\s'"/]{1,256}'''
secretGroup = 1
keywords = ["postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://", "mongodb+srv://", "redis://", "rediss://", "amqp://", "amqps://", "mssql://", "sqlserver://", "clickhouse://", "oracle://"]
tags = ["database", "password"]
[[rules.allowlists]]
regexes = [
  '''^(?i:password|passwd|pass|pwd|secret|changeme|change_me|root|admin|test|postgres|mysql|redis|guest)$''',
]

[[rules]]
id = "aws-access-key-id"
description = "AWS access key id."
regex = '''\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b'''
keywords = ["akia", "asia", "abia", "acca"]
entropy = 3
tags = ["aws"]

[[rules]]
id = "tencent-cloud-secret-id"
description = "Tencent Cloud SecretId."
regex = '''\b(AKID[A-Za-z0-9]{32})\b'''
keywords = ["akid"]
entropy = 3.5
tags = ["tencent"]

[[rules]]
id = "github-token"
description = "GitHub personal, OAuth, app or refresh token."
regex = '''\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_\w{82})\b'''
keywords = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]
entropy = 3
tags = ["github"]

[[rules]]
id = "gitlab-token"
description = "GitLab personal access token."
regex = '''\b(glpat-[\w-]{20})(?:[^\w-]|$)'''
keywords = ["glpat-"]
entropy = 3
tags = ["gitlab"]

[[rules]]
id = "slack-token"
description = "Slack bot, user or app token."
regex = '''\b(xox[abposr]-[0-9A-Za-z-]{10,250})'''
keywords = ["xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"]
entropy = 3
tags = ["slack"]

[[rules]]
id = "stripe-secret-key"
description = "Stripe secret or restricted key."
regex = '''\b((?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,99})\b'''
keywords = ["sk_test_", "sk_live_", "sk_prod_", "rk_test_", "rk_live_", "rk_prod_"]
entropy = 3
tags = ["stripe"]

[[rules]]
id = "google-api-key"
description = "Google API key."
regex = '''\b(AIza[\w-]{35})(?:[^\w-]|$)'''
keywords = ["aiza"]
entropy = 3.5
tags = ["google"]

[[rules]]
id = "npm-token"
description = "npm access token."
regex = '''\b(npm_[A-Za-z0-9]{36})\b'''
keywords = ["npm_"]
entropy = 3
tags = ["npm"]

[[rules]]
id = "openai-api-key"
description = "OpenAI API key."
regex = '''\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})'''
keywords = ["t3blbkfj"]
tags = ["openai"]

[[rules]]
id = "sendgrid-api-key"
description = "SendGrid API key."
regex = '''\b(SG\.[\w-]{22}\.[\w-]{43})\b'''
keywords = ["sg."]
entropy = 3
tags = ["sendgrid"]

[[rules]]
id = "dingtalk-webhook-token"
description = "DingTalk robot webhook access token."
regex = '''oapi\.dingtalk\.com/robot/send\?access_token=([a-f0-9]{64})'''
secretGroup = 1
keywords = ["oapi.dingtalk.com"]
tags = ["dingtalk", "webhook"]

[[rules]]
id = "wecom-webhook-key"
description = "WeCom (WeChat Work) robot webhook key."
regex = '''qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?key=([a-f0-9-]{36})'''
secretGroup = 1
keywords = ["qyapi.weixin.qq.com"]
tags = ["wecom", "webhook"]

[[rules]]
id = "lark-webhook-token"
description = "Lark / Feishu bot webhook token."
regex = '''open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/([a-f0-9-]{36})'''
secretGroup = 1
keywords = ["open.feishu.cn", "open.larksuite.com"]
tags = ["lark", "webhook"]

[[rules]]
id = "slack-webhook-url"
description = "Slack incoming webhook URL."
regex = '''(hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})'''
keywords = ["hooks.slack.com"]
tags = ["slack", "webhook"]
`;
