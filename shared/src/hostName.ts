/**
 * Which strings may be an ssh destination. Pure, so the VS Code client validates
 * what the user types and the server validates what it is asked to probe with
 * the same rule.
 */

/**
 * Returns an error message when the host string is not acceptable as an ssh
 * destination: it must not start with `-` (never an option), and may hold no
 * whitespace, control or shell characters. Allowed: `[user@]host`, IPv6 in
 * brackets, `ssh://user@host:port`, aliases from ssh_config.
 */
export function validateHost(host: unknown): string | undefined {
  if (typeof host !== 'string' || host.length === 0) return 'empty host';
  if (host.length > 255) return 'host name too long';
  if (host.startsWith('-')) return `host must not start with "-": ${JSON.stringify(host)}`;
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(host)) return `host contains whitespace or control characters: ${JSON.stringify(host)}`;
  if (!/^[A-Za-z0-9._~@:%[\]/+-]+$/.test(host)) return `host contains characters not allowed in a host name: ${JSON.stringify(host)}`;
  // OpenSSH takes no `host:port` (it would look up a host named "host:port"): the port goes in -p.
  const bare = host.startsWith('ssh://') ? '' : host.slice(host.lastIndexOf('@') + 1);
  if (/^[^:[\]]+:\d*$/.test(bare)) return `OpenSSH does not take host:port (${JSON.stringify(host)}); give the port with ansible_port, or Port in ssh_config`;
  return undefined;
}
