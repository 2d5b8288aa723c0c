import { blocks, fail, isUnknown, resourceCheck } from './kit.js';

export const apigwHttps = resourceCheck(
  {
    id: 'BWK-APIGW-001',
    title: 'API Gateway API accepts plain HTTP',
    severity: 'medium',
    resourceTypes: ['alicloud_api_gateway_api'],
    rationale: 'API keys, signatures and payloads travel in clear text over HTTP.',
    remediation: {
      console: 'API Gateway console → the API → Edit → Request definition → Protocol: HTTPS only.',
      terraform: 'resource "alicloud_api_gateway_api" "api" {\n  request_config {\n    protocol = "HTTPS"\n  }\n}',
      cli: 'aliyun cloudapi ModifyApi --ApiId <id> --RequestConfig \'{"RequestProtocol":"HTTPS",…}\'',
    },
  },
  (r) =>
    blocks(r, 'request_config').flatMap((c, i) => {
      const p = c.protocol;
      if (isUnknown(p) || typeof p !== 'string') return [];
      return p.split(',').some((x) => x.trim().toUpperCase() === 'HTTP') ? [fail(['request_config', i, 'protocol'], `request protocol ${p} includes HTTP`)] : [];
    }),
);
