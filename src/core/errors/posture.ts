import { defineErrors } from './define.js';

/** Errors of posture checks, IaC scanning, compliance frameworks and reports. */
export const postureErrors = defineErrors({
  'Posture.InvalidTerraform': { status: 400, message: 'Terraform file "{file}" cannot be parsed: {reason}.', recommend: 'Run `terraform validate` on it; the rest of the scan goes on without it.' },
  'Posture.InvalidPlan': { status: 400, message: 'Plan JSON "{file}" is invalid at "{field}": {reason}.', recommend: 'Produce it with `terraform show -json PLANFILE > plan.json`.' },
  'Posture.UnknownFramework': { status: 400, message: 'Unknown compliance framework "{framework}"; expected one of {expected}.' },
  'Posture.InvalidFramework': { status: 500, message: 'Framework data "{framework}" is invalid at "{field}": {reason}.', recommend: 'This is a bug in Bulwark\'s framework files; please report it.' },
  'Posture.AccountNotFound': { status: 404, message: 'No account {account} in the data directory.', recommend: 'Run `bulwark init` first, or pass --account-id with an existing account.' },
});
