import { defineErrors } from './define.js';

/** Errors of the host agent (`bulwark agent`): baseline engine, collectors, intrusion detection and response. */
export const agentErrors = defineErrors({
  'Agent.NotEnrolled': { status: 400, message: 'This host is not enrolled: no identity in "{dir}".', recommend: 'Run `bulwark agent enroll --server URL --token TOKEN` first.' },
  'Agent.InvalidState': { status: 400, message: 'The agent state file "{file}" is invalid: {reason}.', recommend: 'Enroll again with a new token (the old host identity can be deleted on the server).' },
  'Agent.ServerRejected': { status: 502, message: 'The server {server} refused the {operation}: {reason}.' },
  'Agent.Intrusion.StateCorrupt': { status: 400, message: 'The intrusion-detection state file "{file}" is unreadable or invalid: {reason}.', recommend: 'Delete the file: known logins and log offsets are learnt again; a file-integrity baseline must be taken again.' },
  'Agent.Intrusion.LogUnreadable': { status: 400, message: 'Cannot read the log "{path}": {reason}.', recommend: 'Check the path (auth.log on Debian/Ubuntu, secure on RHEL) and that the agent may read it.' },
  'Agent.Intrusion.InvalidRules': { status: 400, message: 'Webshell rules "{source}" are invalid at "{field}": {reason}.', recommend: 'See docs/intrusion.md for the rule format.' },
  'Agent.Fim.NoBaseline': { status: 400, message: 'No file-integrity baseline in "{file}".', recommend: 'Take one first: `bulwark agent fim baseline PATH… --state-dir DIR`.' },
  'Agent.Baseline.InvalidPolicy': { status: 400, message: 'SCA policy "{source}" is invalid at "{field}": {reason}.', recommend: 'The format is Wazuh SCA YAML; see docs/baseline.md.' },
  'Agent.Baseline.PolicyNotFound': { status: 400, message: 'Cannot read SCA policy "{path}": {reason}.' },
  'Agent.Baseline.UnsupportedRegex': { status: 400, message: 'The regex "{pattern}" uses {feature}, which cannot run in linear time (RE2).', recommend: 'Rewrite it without look-around, back-references, atomic groups or possessive quantifiers.' },
  'Agent.Respond.NftFailed': { status: 500, message: 'nft {operation} failed: {reason}.', recommend: 'Install nftables (`apt-get install -y nftables`) and run the agent as root.' },
  'Agent.Respond.ProtectedProcess': { status: 409, message: 'Refusing to kill pid {pid}: {reason}.' },
  'Agent.Respond.ProcessNotFound': { status: 404, message: 'No process with pid {pid}.' },
  'Agent.Respond.KillFailed': { status: 500, message: 'Cannot kill pid {pid}: {reason}.' },
  'Agent.Respond.QuarantineFailed': { status: 400, message: 'Cannot quarantine "{path}": {reason}.' },
  'Agent.Respond.QuarantineNotFound': { status: 404, message: 'No quarantined file with id "{id}".', recommend: 'List them with `bulwark agent quarantine --list`.' },
  'Agent.Respond.RestoreConflict': { status: 409, message: 'Cannot restore to "{path}": {reason}.' },
  'Agent.Respond.QuarantineTampered': { status: 409, message: 'The quarantined copy of "{path}" (id {id}) no longer matches its recorded SHA-256.' },
  'Agent.Respond.InvalidPolicy': { status: 400, message: 'The response policy "{source}" is invalid at "{field}": {reason}.', recommend: 'See docs/response.md for the policy format.' },
});
