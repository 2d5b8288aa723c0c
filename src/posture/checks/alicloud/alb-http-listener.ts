import { fail, pass, resourceCheck } from './kit.js';

export const albHttpListener = resourceCheck(
  {
    id: 'BWK-ALB-001',
    title: 'ALB listener serves plain HTTP',
    severity: 'medium',
    resourceTypes: ['alicloud_alb_listener'],
    rationale: 'HTTP carries cookies, tokens and form data in clear text; serve HTTPS and redirect HTTP to it.',
    remediation: {
      console: 'ALB console → the instance → Listeners → add an HTTPS listener with a certificate; change the HTTP listener to a redirect to HTTPS.',
      terraform: 'resource "alicloud_alb_listener" "https" {\n  listener_protocol = "HTTPS"\n  listener_port     = 443\n  certificates { certificate_id = "<cert-id>" }\n}',
      cli: 'aliyun alb CreateListener --ListenerProtocol HTTPS --ListenerPort 443 …',
    },
  },
  (r) => (String(r.attributes.listener_protocol).toUpperCase() === 'HTTP' ? fail(['listener_protocol'], `listener on port ${String(r.attributes.listener_port)} uses HTTP`) : pass()),
);
